function f() { throw "d"; }
switch (3) {
  case 1:
    print(1);
    break;
  default:
    f();
}
print("z");
