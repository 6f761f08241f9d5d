// Closures: created in loops, reading and writing free variables, called.
function makeCounter(start) {
  local n = start;
  return {
    inc = function(d) { n += d; return n; },
    get = function() { return n; }
  };
}
function makeAdder(k) { return function(x) { return x + k; }; }

local total = 0;
for (local i = 0; i < 20000; i++) {
  local c = makeCounter(i);
  c.inc(1); c.inc(2);
  total += c.get() & 255;
  local add = makeAdder(i & 15);
  total += add(1);
}
// one closure called many times, reading and writing an outer local
local acc = 0;
local step = function(x) { acc += x; return acc & 1023; };
local s = 0;
for (local i = 0; i < 500000; i++) s += step(i & 7);
// closures capturing a loop variable
local fns = [];
for (local i = 0; i < 1000; i++) { local j = i; fns.append(function() { return j * 2; }); }
local fs = 0;
for (local r = 0; r < 100; r++) foreach (f in fns) fs += f();
print("total " + total + " acc " + acc + " s " + s + " fs " + fs + "\n");
