local a = [];
print(a[0]);
