function c(i) { if (i == 2) throw "c"; return true; }
local i = 0;
while (c(i)) {
  i++;
}
print("z");
