function f() { throw "x"; }
try {
  f();
} catch (e) {
  f();
}
print(2);
