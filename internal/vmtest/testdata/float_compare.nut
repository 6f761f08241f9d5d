// Comparisons of two floats agree with <=> for every pair, NaN and the two
// zeros included, in expressions and in loop and if conditions.
local nan = (0.0 / 0.0), inf = (1.0 / 0.0);
local vals = [0.0, -0.0, 1.5, -1.5, 2.5, 1e30, -1e30, inf, -inf, nan, 0.1, 0.1 + 0.2];
local mismatches = 0, checked = 0;
foreach (a in vals) {
  foreach (b in vals) {
    local c = a <=> b;
    local lt = a < b, le = a <= b, gt = a > b, ge = a >= b;
    if (lt != (c < 0) || le != (c <= 0) || gt != (c > 0) || ge != (c >= 0)) mismatches++;
    local blt = false, bge = false;
    if (a < b) blt = true;
    if (a >= b) bge = true;
    if (blt != lt || bge != ge) mismatches++;
    checked++;
  }
}
print(checked + " pairs, " + mismatches + " mismatches\n");
local n = 0;
for (local x = 0.0; x < 10.0; x += 0.5) n++;
local m = 0, y = 10.0;
while (y > 0.25 && m < 100) { y = y / 2; m++; }
print(n + " " + m + " " + (1.5 < 2.5) + " " + (2.5 <= 2.5) + " " + (-1.5 > 1.5) + " " + (1e30 >= -1e30) + "\n");
