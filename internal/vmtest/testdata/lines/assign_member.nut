local t = {};
t.a <- 1;
t.b = t.a +
  t.nope;
