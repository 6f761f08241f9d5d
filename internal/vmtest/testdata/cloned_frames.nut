// _cloned written in Squirrel runs as a frame of the loop: the copy is the
// result whatever _cloned returns; errors, recursion, depth and table
// delegates behave as the nested call did.
class P {
  x = 0; log = null;
  constructor(v) { x = v; log = []; }
  function _cloned(orig) { x = orig.x * 10; log = ["cloned from " + orig.x]; return "ignored"; }
}
local a = P(4);
local b = clone a;
print(b.x + " " + a.x + " " + b.log[0] + " " + a.log.len() + "\n");
class Q { function _cloned(o) { throw "no clones"; } }
try { local q = clone Q(); print("not reached\n"); } catch (e) { print("caught " + e + "\n"); }
class R { n = 0; function _cloned(o) { n = o.n + 1; if (n < 5) { local c = clone this; n = c.n; } } }
local r = clone R();
print("chain " + r.n + "\n");
local t = { a = 1 };
t.setdelegate({ _cloned = function(o) { this.b <- o.a + 1; } });
local u = clone t;
print("table " + u.a + " " + u.b + " " + ("b" in t) + "\n");
class D { function _cloned(o) { local c = clone this; } }
try { clone D(); } catch (e) { print("depth: " + e + "\n"); }
local arr = [P(1), P(2)];
local cs = arr.map(@(p) clone p);
print(cs[0].x + " " + cs[1].x + "\n");
function f() { return clone P(7); }
print(f().x + "\n");
