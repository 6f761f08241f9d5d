local t = {};
for (local i = 0; i < 3;
     i += t.nope) {
  print(i);
  print("y");
}
