local t = {a = 1};
print(t.b);
