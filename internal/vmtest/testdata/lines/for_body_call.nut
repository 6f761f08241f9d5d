function f(i) { if (i == 2) throw "two"; }
for (local i = 0; i < 3; i++)
  f(i);
print("z");
