function g() {
  yield 1;
  throw "gen";
}
foreach (v in g()) {
  print(v);
}
print("z");
