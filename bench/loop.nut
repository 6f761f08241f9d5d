// A 10^7-iteration integer loop.
local sum = 0;
for (local i = 0; i < 10000000; i++) sum += i & 7;
print("sum " + sum + "\n");
