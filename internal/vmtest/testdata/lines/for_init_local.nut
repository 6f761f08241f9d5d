local t = {};
for (local i = t.nope;
     i < 3; i++) {
  print(i);
}
