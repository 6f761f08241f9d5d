local t = {};
print(
  1 +
  t.nope);
