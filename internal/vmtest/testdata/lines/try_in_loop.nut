function f(i) { if (i == 2) throw "f"; }
foreach (i in [1, 2, 3]) {
  try {
    print(i);
  } catch (e) {
    print(e);
  }
  f(i);
}
