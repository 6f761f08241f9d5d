// return C(...) runs C's constructor and returns the instance, from plain
// functions, methods, metamethods and natives' callbacks, with and without
// a constructor, with default parameters, and when the constructor throws.
class V {
  x = 0; y = 0;
  constructor(px, py = 7) { x = px; y = py; }
  function _add(o) { return V(x + o.x, y + o.y); }
  function scaled(k) { return V(x * k, y * k); }
  function _tostring() { return "V(" + x + "," + y + ")"; }
}
class Empty { tag = "empty"; }
class Picky { constructor(n) { if (n < 0) throw "negative " + n; } }
function make(a) { return V(a); }
function empty() { return Empty(); }
function picky(n) { return Picky(n); }
function nested(n) { local f = function(m) { return V(m, m); }; return f(n); }
print(make(3) + " " + (V(1, 2) + V(10, 20)) + " " + V(2, 3).scaled(4) + "\n");
print(empty().tag + " " + nested(5) + "\n");
local vs = [3, 1, 2].map(function(v) { return V(v); });
print(vs[0] + " " + vs[2] + " " + (vs[1] instanceof V) + "\n");
try { picky(-1); } catch (e) { print("caught " + e + "\n"); }
function guarded(n) { try { return Picky(n); } catch (e) { return "in guarded: " + e; } }
print(guarded(-2) + " " + (guarded(1) instanceof Picky) + "\n");
function gen() { yield V(9); return V(8); }
foreach (v in gen()) print(v + "\n");
local sum = V(0, 0);
for (local i = 0; i < 100; i++) sum = sum + V(i, 1).scaled(2);
print(sum + "\n");
try { make(); } catch (e) { print("caught " + e + "\n"); }
