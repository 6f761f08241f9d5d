// Classes: constructors, instance fields, methods calling base. methods,
// instanceof.
class Shape {
  name = null;
  sides = 0;
  constructor(n, s) { name = n; sides = s; }
  function area() { return 0; }
  function describe() { return sides * 10 + area(); }
}
class Rect extends Shape {
  w = 0; h = 0;
  constructor(pw, ph) { base.constructor("rect", 4); w = pw; h = ph; }
  function area() { return w * h; }
  function describe() { return base.describe() + 1; }
}
class Square extends Rect {
  constructor(s) { base.constructor(s, s); name = "square"; }
  function describe() { return base.describe() + 2; }
}
class Tri extends Shape {
  b = 0; h = 0;
  constructor(pb, ph) { base.constructor("tri", 3); b = pb; h = ph; }
  function area() { return b * h / 2; }
}

local total = 0, rects = 0, squares = 0, tris = 0;
for (local i = 0; i < 60000; i++) {
  local s;
  switch (i % 3) {
    case 0: s = Rect(i & 15, 3); break;
    case 1: s = Square(i & 7); break;
    default: s = Tri(i & 31, 4);
  }
  total += s.describe();
  if (s instanceof Rect) rects++;
  if (s instanceof Square) squares++;
  if (s instanceof Tri) tris++;
}
print("total " + total + " rects " + rects + " squares " + squares + " tris " + tris + "\n");
