function c() { throw "c"; }
local x = 2;
switch (x) {
  case 1:
    print(1);
  case c():
    print(2);
}
