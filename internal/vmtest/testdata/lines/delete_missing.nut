local t = {};
delete t.nope;
print("x");
