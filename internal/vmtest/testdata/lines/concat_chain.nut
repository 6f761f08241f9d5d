local t = {};
local s = "a" + 1 +
  "b" + t.nope + "c";
