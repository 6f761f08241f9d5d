// Small arrays hold their first slots in the array's own allocation:
// growing past them, cloning, varargs and acall must behave as before.
function show(a) {
  local s = a.len() + ":";
  foreach (v in a) s += " " + v;
  print(s + "\n");
}
local lits = [[], [1], [1, 2], [1, 2, 3], [1, 2, 3, 4, 5], [1, 2, 3, 4, 5, 6, 7, 8], [1, 2, 3, 4, 5, 6, 7, 8, 9]];
foreach (a in lits) {
  local c = clone a;
  for (local i = 0; i < 10; i++) a.push(i * 10);
  c.append("c");
  show(a);
  show(c);
}
function va(...) {
  vargv.push("x");
  vargv[0] = "first";
  local copy = clone vargv;
  vargv.extend([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  copy.insert(0, "z");
  show(vargv);
  show(copy);
  return vargv;
}
show(va());
show(va(1));
show(va(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
local params = [null, 1, 2];
function changer(x, y) { params[1] = 100; params.push(7); return x + y; }
print(changer.acall(params) + "\n");
show(params);
local z = array(3, "q");
z.resize(12, "r");
show(z);
local e = array(0);
e.push(1);
show(e);
show(array(5).map(@(v) v == null));
