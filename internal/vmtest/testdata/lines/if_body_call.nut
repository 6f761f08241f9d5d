function f() { throw "d"; }
local x = 1;
if (x == 1)
  f();
else
  print(2);
print("z");
