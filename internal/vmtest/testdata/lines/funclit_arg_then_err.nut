function run(f, x) { return f(x); }
run(function(v) {
  local q = 1;
  return v.nope;
}, {});
print("after");
