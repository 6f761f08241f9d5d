local function f(x) {
  return x.nope;
}
local a = 1;
f({});
