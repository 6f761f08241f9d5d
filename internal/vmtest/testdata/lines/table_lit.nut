local t = {};
local u = {
  a = 1,
  b = t.nope
};
