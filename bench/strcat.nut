// 10^5 string appends.
local s = "";
for (local i = 0; i < 100000; i++) s += "x";
print("length " + s.len() + "\n");
