function g(a, b) { return a; }
local t = {};
g(1,
  t.nope);
print("x");
