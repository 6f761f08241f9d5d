local t = {a = 1};
t.a +=
  t.nope;
