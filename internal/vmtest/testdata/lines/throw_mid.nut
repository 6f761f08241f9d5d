function f() {
  print("a");
  throw "boom";
  print("b");
}
f();
