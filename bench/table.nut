// 10^5 string-keyed table inserts, then reads.
local t = {};
for (local i = 0; i < 100000; i++) t["k" + i] <- i;
local sum = 0;
for (local i = 0; i < 100000; i++) sum += t["k" + i];
if (sum != 704982704) throw "table sum " + sum;
