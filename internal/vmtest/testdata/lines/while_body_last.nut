function f(i) { if (i == 2) throw "two"; }
local i = 0;
while (i < 3) {
  i++;
  f(i);
}
print("z");
