local t = {};
local x = 2;
switch (x) {
  case 1:
    print(1);
  case 2:
    print(2);
    t.nope;
  default:
    print(3);
}
