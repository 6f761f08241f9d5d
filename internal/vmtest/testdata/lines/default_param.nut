local t = {};
function f(a, b = 2) {
  return a.nope;
}
f({});
