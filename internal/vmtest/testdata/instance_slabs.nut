// Instances of up to four fields come from per-VM slabs: each keeps its
// own fields (no sharing with the neighbours of its block), whatever the
// order they are made and changed in, and the defaults are copied fresh.
class A { a = 1; }
class B { a = 1; b = [2]; }
class C { a = 1; b = 2; c = 3; }
class D { a = 1; b = 2; c = 3; d = 4; }
class E extends D { e = 5; }
local all = [];
for (local i = 0; i < 40; i++) {
  local k = i % 5;
  local o = k == 0 ? A() : k == 1 ? B() : k == 2 ? C() : k == 3 ? D() : E();
  o.a = i;
  all.append(o);
}
foreach (i, o in all) {
  if (o instanceof D) o.d += i;
  if (o instanceof C) o.c = o.a * 10;
  if (o instanceof B) o.b.append(i);
}
local s = "";
foreach (o in all) {
  if (o instanceof E) s += "E" + o.a + "," + o.b + "," + o.c + "," + o.d + "," + o.e + " ";
  else if (o instanceof D) s += "D" + o.a + "," + o.b + "," + o.c + "," + o.d + " ";
  else if (o instanceof C) s += "C" + o.a + "," + o.b + "," + o.c + " ";
  else if (o instanceof B) s += "B" + o.a + "," + o.b.len() + "," + o.b[o.b.len() - 1] + " ";
  else s += "A" + o.a + " ";
}
print(s + "\n");
print("shared default array: " + all[1].b.len() + " " + (all[1].b == all[6].b) + "\n");
local w = all[7].weakref();
all[7] = null;
print("dropped: " + (w.ref() == null) + "\n");
