const X = 1;
enum E { A, B }
local t = {};
t.nope;
const Y = 2;
