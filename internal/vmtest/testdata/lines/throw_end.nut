function f() {
  print("a");
  throw "boom";
}
f();
