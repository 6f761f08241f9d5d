local t = {};
local c = clone t;
c.nope;
