function f(t) {
  print("a");
  return t.nope;
}
f({});
print("b");
