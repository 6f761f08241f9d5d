function f() { throw "x"; }
if (false) {
  print(1);
} else {
  f();
}
print(2);
