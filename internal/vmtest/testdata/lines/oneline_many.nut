local t = {}; local a = 1; local b = a + t.nope;
print(b);
