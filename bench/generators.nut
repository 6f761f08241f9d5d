// Generators: yield and resume.
function range(n) { for (local i = 0; i < n; i++) yield i; }
function evens(g) { foreach (v in g) if (v % 2 == 0) yield v; }
function fibgen() { local a = 0, b = 1; while (true) { yield a; local t = a + b; a = b; b = t & 0xffff; } }

local sum = 0;
for (local r = 0; r < 20; r++) foreach (v in evens(range(10000))) sum += v & 15;
local g = fibgen();
local f = 0;
for (local i = 0; i < 100000; i++) f = (f + resume g) & 0xfffff;
print("sum " + sum + " f " + f + "\n");
