function f(t) {
  return t.nope;
}
function g(t) {
  local x = 1;
  local y = f(t) +
    1;
  return y;
}
g({});
