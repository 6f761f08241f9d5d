class A {
  function m(t) {
    local a = 1;
    return a +
      t.nope;
  }
}
A().m({});
