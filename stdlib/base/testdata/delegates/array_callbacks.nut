// Array methods that call back into Squirrel: map, apply, reduce, filter (3.0.4 forms).
function show(v) {
  local t = type(v);
  if (t == "null") return "null";
  if (t == "string") return "\"" + v + "\"";
  if (t == "array") {
    local s = "[";
    foreach (i, e in v) s += (i ? ", " : "") + show(e);
    return s + "]";
  }
  if (t == "integer" || t == "float" || t == "bool") return v.tostring();
  return t;
}
function check(label, f) {
  try { print(label + ": " + show(f()) + "\n"); }
  catch (e) { print(label + ": error " + e + "\n"); }
}
local a = [1, 2, 3];

// map(f): f(value) with this = the array
check("map(v * 10)", @() a.map(@(v) v * 10));
check("a unchanged", @() a);
check("map this", @() a.map(function(v) { return this == a; }));
check("map native", @() a.map(type));
check("map with (v, i)", @() a.map(@(v, i) i));
check("map with no parameter", @() a.map(@() 1));
check("map vargs", @() a.map(function(...) { return vargv.len(); }));
check("[].map", @() [].map(@(v) v));
check("map(5)", @() a.map(5));
check("map()", @() a.map());
check("map throws", @() a.map(function(v) { if (v == 2) throw "boom " + v; return v; }));
local calls = 0;
try { a.map(function(v) { calls++; if (v == 2) throw "stop"; return v; }); } catch (e) {}
print("map stops at the error: " + calls + " calls\n");

// apply(f): in place, returns null
local ap = [1, 2, 3];
check("apply(v * v)", @() ap.apply(@(v) v * v));
check("ap", @() ap);
check("apply this", @() ap.apply(function(v) { return this == ap; }));
check("ap", @() ap);
local partial = [1, 2, 3];
try { partial.apply(function(v) { if (v == 3) throw "late"; return -v; }); } catch (e) { print("apply error: " + e + "\n"); }
check("partially applied", @() partial);

// reduce(f): no initial value in 3.0.4
check("reduce sum", @() [1, 2, 3, 4].reduce(function(acc, v) { return acc + v; }));
check("reduce order", @() ["a", "b", "c"].reduce(@(x, y) y + x));
check("reduce single", @() [7].reduce(@(x, y) x + y));
check("reduce empty", @() [].reduce(@(x, y) x + y));
check("reduce this", @() a.reduce(function(acc, v) { return this == a; }));
check("reduce(f, 10)", @() [1, 2].reduce(@(x, y) x + y, 10));
check("reduce one-parameter f", @() [1, 2].reduce(@(x) x));
check("reduce throws", @() [1, 2, 3].reduce(function(x, y) { throw "r" + y; }));

// filter(f): f(index, value), index first
check("filter(index, value)", @() [10, 20, 30, 40, 50].filter(function(index, value) { return value > 20 && index < 4; }));
check("filter truthiness", @() [0, 1, "", null, false, 2, 0.0, []].filter(@(i, v) v));
check("filter indexes", @() ["a", "b", "c"].filter(@(i, v) i != 1));
check("filter this", @() a.filter(function(i, v) { return this == a; }));
check("filter one-parameter f", @() a.filter(@(i) true));
check("filter(null)", @() a.filter(null));

// the callbacks run in order
local log = "";
[1, 2, 3].map(function(v) { log += "m" + v; return v; });
[1, 2, 3].filter(function(i, v) { log += "f" + i; return true; });
[1, 2, 3].reduce(function(x, y) { log += "r" + y; return y; });
print("order: " + log + "\n");
