local s = "abc";
local r = s.slice(
  5
);
