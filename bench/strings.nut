// String formatting and methods: format, slice, find, toupper, tolower,
// tointeger, split, string comparison.
local total = 0, found = 0, parts = 0;
local words = ["alpha", "Beta", "gamma", "DELTA", "epsilon"];
for (local i = 0; i < 20000; i++) {
  local w = words[i % 5];
  local s = format("%s-%04d:%x;%5.2f", w, i, i * 3, (i % 100) / 8.0);
  total += s.len();
  if (s.find("a-") != null) found++;
  local u = s.toupper(), l = s.tolower();
  if (u.slice(0, 3) == l.slice(0, 3).toupper()) total++;
  local num = s.slice(w.len() + 1, w.len() + 5).tointeger();
  total += num & 7;
  parts += split(s, "-:;").len();
  if (w < "beta") total += 2;
}
print("total " + total + " found " + found + " parts " + parts + "\n");
