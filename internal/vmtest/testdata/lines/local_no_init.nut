function f() {
  local a;
  local b = a.x;
}
f();
