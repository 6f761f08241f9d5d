local t = {};
local arr = [
  function() {
    local z = 1;
    return z;
  },
  t.nope
];
