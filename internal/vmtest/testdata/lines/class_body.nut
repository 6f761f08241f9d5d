local t = {};
class A {
  x = 1;
  y = t.nope;
}
