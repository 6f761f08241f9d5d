local t = {};
local f = function() {
  local a = 1;
  return t.nope;
};
f();
