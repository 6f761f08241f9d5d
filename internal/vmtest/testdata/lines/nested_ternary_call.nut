function f() { throw "x"; }
local a = true;
local v = a ?
  f() :
  2;
print(v);
