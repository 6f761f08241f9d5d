local n = null;
function f() {
  local a = 1;
  a = a + n;
  print("q");
}
f();
