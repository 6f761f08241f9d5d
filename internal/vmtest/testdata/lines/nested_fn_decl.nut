function outer() {
  local a = 1;
  function inner(t) {
    return t.nope;
  }
  local b = 2;
  return inner({});
}
outer();
