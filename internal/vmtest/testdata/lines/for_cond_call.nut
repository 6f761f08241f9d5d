function c(i) { if (i == 2) throw "c"; return true; }
for (local i = 0; c(i); i++) {
  print(i);
}
print("z");
