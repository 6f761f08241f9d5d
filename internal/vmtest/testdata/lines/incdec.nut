local t = {};
local x = 1;
t.nope++;
