local t = {};
foreach (i, v in [1, 2]) {
  print(v);
  t.nope;
}
