local t = {};
try {
  print("a");
  t.nope;
} catch (e) {
  print(e);
  t.nope2;
}
