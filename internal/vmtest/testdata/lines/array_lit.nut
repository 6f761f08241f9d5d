local t = {};
local arr = [
  1,
  t.nope,
  3
];
