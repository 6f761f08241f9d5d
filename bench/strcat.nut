// 10^5 string appends.
local s = "";
for (local i = 0; i < 100000; i++) s += "x";
if (s.len() != 100000) throw "length " + s.len();
