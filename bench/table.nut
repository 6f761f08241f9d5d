// 10^5 string-keyed table inserts, then reads.
local t = {};
for (local i = 0; i < 100000; i++) t["k" + i] <- i;
local sum = 0;
for (local i = 0; i < 100000; i++) sum = (sum + t["k" + i]) % 1000003;
print("sum " + sum + " len " + t.len() + "\n");
