local t = {};
local x = true;
local y = x
  ? t.nope
  : 2;
