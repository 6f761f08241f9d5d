// Natives called through call/acall/pcall that call back into Squirrel
// keep their own arguments (nested calls go above them on the stack).
local arr = [1, 2, 3];
local r = arr.map.acall([arr, @(v) v * 2]);
print(r.len() + " " + r[0] + " " + r[1] + " " + r[2] + "\n");
local f = arr.filter.call(arr, @(i, v) v > 1);
print(f.len() + "\n");
local s = [3, 1, 2];
s.sort.call(s, @(a, b) a <=> b);
print(s[0] + " " + s[1] + " " + s[2] + "\n");
local red = arr.reduce.pcall(arr, @(a, b) a + b);
print(red + "\n");
