class A {
  constructor() {
    throw "ctor";
  }
}
local a = A();
print("z");
