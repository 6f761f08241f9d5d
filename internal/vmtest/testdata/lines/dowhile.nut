local t = {};
local i = 0;
do {
  i++;
  print(i);
} while (
  t.nope);
