local a = [1,2];
a.remove(
  5);
print("x");
