// foreach over tables and arrays (keys and values).
local t = {};
for (local i = 0; i < 1000; i++) t["key" + i] <- i;
local a = [];
for (local i = 0; i < 1000; i++) a.append(i * 2);
local sum = 0, ks = 0;
for (local r = 0; r < 300; r++) {
  foreach (k, v in t) { sum += v; ks += k.len(); }
  foreach (i, v in a) sum += i ^ v;
  foreach (v in a) sum += v & 3;
}
print("sum " + sum + " ks " + ks + "\n");
