local t = {};
local f = [function() {
  return 1;
}, t.nope];
