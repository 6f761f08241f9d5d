// _tostring written in Squirrel runs as a frame of the loop for string +
// (either side, += and runs of +) and tostring(): results, non-string
// results, errors, traps, recursion and depth behave as nested calls do.
class P { x = 0; constructor(v) { x = v; } function _tostring() { return "P(" + x + ")"; } }
class Q { function _tostring() { return 42; } }
class R { function _tostring() { throw "bad tostring"; } }
class S { n = 0; function _tostring() { n++; return "S" + n; } }
local p = P(3), q = Q(), r = R(), s = S();
print("a " + p + "\n");
print(p + " b\n");
print("c " + p + " d " + p + " e\n");
print(p.tostring() + "|" + p.tostring().len() + "\n");
local t = "x"; t += p; print(t + "\n");
local u = p; 
print(("" + q).slice(0, 10) + "\n");
print((q + "").slice(0, 10) + "\n");
print(q.tostring().slice(0, 10) + "\n");
try { print("r " + r + "\n"); } catch (e) { print("caught " + e + "\n"); }
try { print(r + "r\n"); } catch (e) { print("caught " + e + "\n"); }
try { print(r.tostring() + "\n"); } catch (e) { print("caught " + e + "\n"); }
print("" + s + s + "\n");
local tb = {}; tb.setdelegate({ _tostring = function() { return "TB"; } });
print("tb " + tb + " " + tb.tostring() + "\n");
local arr = [];
for (local i = 0; i < 5; i++) arr.append("i" + i + P(i));
print(arr.reduce(@(a, b) a + "," + b) + "\n");
function deep(n) { return n == 0 ? "" : deep(n - 1) + P(n); }
print(deep(20) + "\n");
class T { function _tostring() { return "T" + this.y; } }
try { print("t " + T() + "\n"); } catch (e) { print("caught " + e + "\n"); }
local w = P(9).weakref();
print("w " + P(8) + "\n");
print(typeof (P(1).tostring()) + "\n");
class D { function _tostring() { return "D" + this.tostring(); } }
try { print("x" + D() + "\n"); } catch (e) { print("depth: " + e + "\n"); }
try { print(D().tostring() + "\n"); } catch (e) { print("depth: " + e + "\n"); }
