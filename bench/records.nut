// Records: an array of tables, read and updated by field name, grouped,
// sorted by a field with a comparator.
local names = ["temp", "humid", "press", "light", "volt"];
local recs = [];
for (local i = 0; i < 40000; i++) {
  recs.push({ id = i, kind = names[i % 5], value = (i * 37) % 1000, ok = (i % 7) != 0 });
}
local sums = {};
foreach (r in recs) {
  if (!r.ok) continue;
  if (!(r.kind in sums)) sums[r.kind] <- { n = 0, total = 0, max = -1 };
  local s = sums[r.kind];
  s.n++;
  s.total += r.value;
  if (r.value > s.max) s.max = r.value;
  r.value = r.value * 2;
}
recs.sort(function(a, b) { return a.value <=> b.value || a.id <=> b.id; });
local out = "";
foreach (k in names) {
  local s = sums[k];
  out += k + " " + s.n + " " + s.total + " " + s.max + "\n";
}
print(out + "first " + recs[0].id + " last " + recs[recs.len() - 1].id + "\n");
