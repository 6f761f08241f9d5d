// array.sort with a Squirrel comparator: native to Squirrel calls.
local seed = 12345;
function rnd() { seed = (seed * 75 + 74) % 65537; return seed; }
local sum = 0;
for (local r = 0; r < 6; r++) {
  local a = [];
  for (local i = 0; i < 10000; i++) a.append({ key = rnd(), idx = i });
  a.sort(function(x, y) { return x.key <=> y.key; });
  local prev = -1, ok = true;
  foreach (i, e in a) { if (e.key < prev) ok = false; prev = e.key; if (i % 1000 == 0) sum = (sum + e.key) % 1000003; }
  local b = [];
  for (local i = 0; i < 10000; i++) b.append(rnd() % 1000);
  b.sort(function(x, y) { return y - x; });
  sum = (sum + b[0] + b[9999] + b[5000]) % 1000003;
  if (!ok) print("not sorted\n");
}
print("checksum " + sum + "\n");
