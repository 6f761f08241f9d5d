function f(a, b, c) { return a.nope; }
f(
  {},
  2,
  3
);
print("x");
