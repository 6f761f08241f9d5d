class A {
  x = null;
  constructor(t) {
    x = 1;
    x = t.nope;
  }
}
local a = A({});
