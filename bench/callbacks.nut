// Natives that call back into Squirrel: map, filter, reduce, apply and
// sort with a comparator, given lambdas and functions with free variables.
local seed = 7;
function rnd() { seed = (seed * 1103 + 12345) % 65521; return seed; }
local data = [];
for (local i = 0; i < 1500; i++) data.append(rnd() % 1000);
local k = 3, total = 0;
for (local r = 0; r < 400; r++) {
  local squares = data.map(function(v) { return v * v % 9973; });
  local picked = squares.filter(@(i, v) (v + i + r) % 2 == 1);
  total = (total + picked.reduce(@(acc, v) (acc + v) % 1000003)) % 1000003;
  data.apply(@(v) (v * k + r) % 1000);
  if (r % 20 == 0) {
    local s = data.slice(0, 400);
    s.sort(@(a, b) b <=> a);
    total = (total + s[0] + s[399] * 7 + picked.len()) % 1000003;
  }
}
print("total " + total + "\n");
