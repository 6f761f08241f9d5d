local t = {};
foreach (i, v in
   t.nope) {
  print(v);
}
