class A {}
local x = 1;
local r = x instanceof
  5;
