local t = {};
for (local i = 0;
     i < t.nope;
     i++) {
  print(i);
}
