class A {
  function m() {
    throw "m";
  }
  function n() {
    m();
    return 1;
  }
}
A().n();
print("q");
