local t = {};
local i = 0;
for (;;) {
  i++;
  if (i > 2)
    t.nope;
}
