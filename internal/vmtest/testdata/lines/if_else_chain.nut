local t = {};
local x = 3;
if (x == 1) {
  print(1);
} else if (x == 2) {
  print(2);
} else if (t.nope) {
  print(3);
}
