local t = {};
t.f <- null;
t.f(
  1);
