// The constructor a call runs is the class's current one: replaced after
// an instantiation, added to a class that had none, inherited.
class A {
  v = 0;
  constructor(x) { v = x; }
}
print(A(1).v + "\n");
A.constructor <- function(x) { v = x * 10; };
print(A(2).v + "\n");
class B { v = 5; }
print(B().v + "\n");
B.constructor <- function() { v = 7; };
print(B().v + "\n");
class C extends A { w = 1; }
print(C(3).v + " " + C(3).w + "\n");
class D extends A { constructor() { base.constructor(4); } }
print(D().v + "\n");
A.constructor <- function(x) { v = -x; };
print(A(5).v + " " + D().v + " " + C(6).v + "\n");
