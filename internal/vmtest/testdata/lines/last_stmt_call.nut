function f() { throw "x"; }
local a = 1;
local b = 2;
f();
