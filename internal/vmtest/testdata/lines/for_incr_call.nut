function c(i) { if (i == 2) throw "c"; return i + 1; }
for (local i = 0; i < 5; i = c(i)) {
  print(i);
}
print("z");
