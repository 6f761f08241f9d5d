local t = {};
local a = 1,
      b = t.nope,
      c = 3;
