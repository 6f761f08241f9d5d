local f = @(t)
  t.nope;
f({});
