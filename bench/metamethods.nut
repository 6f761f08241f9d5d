// Class hierarchies with _get/_set/_tostring/_cmp metamethods, static
// members, and properties through metamethods.
class Base {
  _props = null;
  constructor() { _props = {}; }
  function _get(k) { if (k in _props) return _props[k]; throw null; }
  function _set(k, v) { _props[k] <- v; }
}
class Point extends Base {
  x = 0; y = 0;
  static count = 0;
  constructor(px, py) { base.constructor(); x = px; y = py; }
  function _add(o) { return Point(x + o.x, y + o.y); }
  function _cmp(o) { return (x + y) <=> (o.x + o.y); }
  function _tostring() { return "(" + x + "," + y + ")"; }
  function len2() { return x * x + y * y; }
}
local acc = Point(0, 0);
local total = 0;
for (local i = 0; i < 100000; i++) {
  local p = Point(i % 13, i % 7);
  p.tag = i;          // _set
  total += p.tag;     // _get
  acc = acc + p;      // _add
  if (p < acc) total++;  // _cmp
  total += p.len2();
  if ((i & 255) == 0) total += p.tostring().len();
  total = total & 0xFFFFFFF;
}
print("total " + total + " acc " + acc + "\n");
