// Random inserts, deletes, clones and delete-while-iterating on tables whose
// keys are integers (0, negatives, the extremes), floats (-0.0, halves),
// strings ("", one-byte ones above 127, one over 32 bytes) and bools. The
// expected output is C Squirrel's, built with 32-bit integers and 3.0.4's
// string hash (3.2 sources, whose table code, clone included, places
// nodes as 3.0.4 does; the 64-bit 3.0.4 build hashes differently).
local seed = 12345;
function rnd(n) { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; }
local keys = [0, -1, 1, 2, -2, 7, 8, 15, 16, 100, -100, 2147483647, -2147483648,
  0.0, -0.0, 0.5, -0.5, 1.5, 2.25, 7.75, 1e6, -1e6,
  "", "a", "b", "\xff", "\x80", "ab", "key", "i1", "i2", "longer-key-number-one-that-is-over-32-bytes", "x10", true, false];
function show(t) { local s = ""; foreach (k, v in t) s += " " + (typeof k == "string" ? "'" + k + "'" : k.tostring()) + (typeof k == "float" ? "f" : "") + "=" + v; return s; }
for (local r = 0; r < 300; r++) {
  local t = {};
  local log = "";
  local n = 1 + rnd(40);
  for (local i = 0; i < n; i++) {
    local k = keys[rnd(keys.len())];
    local op = rnd(10);
    if (op < 6) { t[k] <- i; }
    else if (op < 9) { if (k in t) delete t[k]; }
    else if (op == 9 && rnd(3) == 0) { t = clone t; }
  }
  if (rnd(4) == 0) { local odd = false; foreach (k, v in t) { if (odd) delete t[k]; odd = !odd; } }
  print(r + ":" + show(t) + "\n");
}
