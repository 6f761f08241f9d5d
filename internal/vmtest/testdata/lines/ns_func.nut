T <- {};
function T::f(x) {
  local a = 1;
  return x.nope;
}
T.f({});
print("z");
