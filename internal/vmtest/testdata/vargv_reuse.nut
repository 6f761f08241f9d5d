// vargv arrays that never outlive their call are reused by the VM: each
// call must still see its own arguments, whatever ran in between.
function join(...) {
  local s = "";
  foreach (i, v in vargv) s += (i > 0 ? "," : "") + v;
  return "[" + s + "]";
}
function outer(...) {
  local before = join(vargv.len(), vargv[0]);
  local inner = join("x", "y", "z", "w");
  vargv[0] = vargv[0] * 10;
  local args = [this, vargv[0]];
  if (vargv.len() > 1) args.append(vargv[1]);
  return before + inner + join.acall(args);
}
print(outer(1, 2, 3) + "\n");
print(outer(7) + "\n");

// Recursion: every depth holds its own vargv while the deeper ones run.
function depth(n, ...) {
  if (n == 0) return vargv.len();
  local r = depth(n - 1, n, n, n);
  local s = 0;
  foreach (v in vargv) s += v;
  return r * 100 + s;
}
print(depth(4, 1, 2) + "\n");

// An error leaves frames without returning; the next calls start afresh.
function thrower(...) {
  if (vargv[0] == "boom") throw "boom " + vargv.len();
  return vargv[0];
}
function caller(...) {
  try { thrower("boom", 1, 2); } catch (e) print("caught " + e + "\n");
  return join(vargv[0], thrower("ok"), vargv.len());
}
print(caller("a", "b") + "\n");

// Tail calls replace the frame that owns a vargv.
function tail(...) { return join(vargv[0], vargv.len(), "t"); }
function tailer(...) { return tail(vargv.len(), vargv[vargv.len() - 1]); }
print(tailer(5, 6, 7) + "\n");

// A vargv that escapes (returned, stored, captured) is never reused.
function keep(...) { return vargv; }
function capture(...) { return function() { return vargv.len(); }; }
local kept = [keep(1, 2), keep("p")];
local f = capture(1, 2, 3);
print(join(5, 5) + join(6) + "\n");
print(kept[0].len() + " " + kept[0][0] + kept[0][1] + " " + kept[1][0] + " " + f() + "\n");

// An element called as vargv[i]() gets the array as this.
local seen = null;
function grab() { seen = this; }
function callElem(...) { vargv[0](); return vargv.len(); }
print(callElem(grab, "q") + "\n");
join(9, 9, 9);
print(seen.len() + " " + seen[1] + "\n");

// Through natives: map's callback and a metamethod.
local mapped = [1, 2, 3].map(function(x) { return join(x, x); });
mapped.insert(0, this);
print(join.acall(mapped) + "\n");
class V {
  function _call(...) { return join(vargv.len(), vargv[vargv.len() - 1]); }
}
local v = V();
print(v(3, 4) + v("only") + "\n");
local w = [];
for (local i = 0; i < 3; i++) w.append(join(i, i + 1));
print(join(w[0], w[1], w[2]) + "\n");
