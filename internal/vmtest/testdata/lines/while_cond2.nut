local t = {a = 1};
local i = 0;
while (t.a) {
  i++;
  print(i);
  t.a = t.nope;
}
