// String comparison: sorting names in default order and records by a
// name field with <=>, and < == > on long strings sharing a prefix.
local names = [];
local seed = 12345;
for (local i = 0; i < 2000; i++) {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  names.append("sensor-" + (seed % 997) + "-" + (seed & 0xff));
}
local n = 0;
for (local r = 0; r < 25; r++) {
  local a = clone names;
  a.sort();
  n += a[0].len() + a[a.len() - 1].len();
  local recs = names.map(@(s) {name = s, v = s.len()});
  recs.sort(@(x, y) x.name <=> y.name);
  n += recs[r].v;
}
local head = "";
for (local i = 0; i < 200; i++) head += "abcdefghij"[i % 10].tochar();
local a = head + "x", b = head + "x", c = head + "y";
local eq = 0, lt = 0;
for (local i = 0; i < 300000; i++) {
  if (a == b) eq++;
  if (a == c) eq += 10;
  if (a < c) lt++;
  if (c > b) lt++;
}
print(n + " " + eq + " " + lt + "\n");
