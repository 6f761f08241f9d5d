// Fill a 10^6-element array, then sum it.
local a = array(1000000);
for (local i = 0; i < 1000000; i++) a[i] = i & 1023;
local sum = 0;
foreach (v in a) sum += v;
print("sum " + sum + "\n");
