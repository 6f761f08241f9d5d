local t = {};
local a = "x";
local s = a +
  "y" +
  t.nope +
  "z";
print(s);
