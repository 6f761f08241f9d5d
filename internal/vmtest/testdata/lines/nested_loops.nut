function f(i, j) { if (i == 1 && j == 1) throw "f"; }
for (local i = 0; i < 3; i++) {
  for (local j = 0; j < 3; j++)
    f(i, j);
}
print("z");
