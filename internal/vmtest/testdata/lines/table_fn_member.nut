local t = {
  a = 1,
  f = function(x) {
    local y = 2;
    return x.nope;
  }
};
t.f({});
