local t = {};
local x = 3;
switch (x) {
  case 1:
    print(1);
    break;
  case t.nope:
    print(2);
    break;
  default:
    print(3);
}
