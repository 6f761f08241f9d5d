local t = {};
local v = (function(a) {
  print(a);
  return a.nope;
})(t);
print(v);
