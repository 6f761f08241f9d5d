function f(i) { if (i == 2) throw "two"; }
local i = 0;
do {
  i++;
  f(i);
} while (i < 5);
