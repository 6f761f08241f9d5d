function f(i) { if (i == 3) throw "f"; }
for (local i = 0; i < 5; i++) {
  if (i == 1) continue;
  f(i);
  if (i == 4) break;
}
