// Functions called by natives (map, apply, filter, reduce, sort): arity,
// defaults, varargs, bound environments, natives and classes as callbacks,
// errors caught inside and outside the callback, nested natives.
local a = [3, 1, 2];
function show(v) {
  if (typeof v == "array") {
    local s = "[";
    foreach (i, x in v) s += (i ? "," : "") + show(x);
    return s + "]";
  }
  return v == null ? "null" : v.tostring();
}
function attempt(name, f) {
  try { print(name + ": " + show(f()) + "\n"); }
  catch (e) { print(name + " threw: " + show(e) + "\n"); }
}
attempt("map", @() a.map(@(x) x * 10));
attempt("map this", @() a.map(function(x) { return this.len() + x; }));
attempt("map too few params", @() a.map(@() 1));
attempt("map too many params", @() a.map(@(x, y) x));
attempt("map default", @() a.map(function(x, y = 5) { return x + y; }));
attempt("map varargs", @() a.map(function(...) { return vargv.len(); }));
attempt("map varargs named", @() a.map(function(x, ...) { return x + vargv.len(); }));
local env = { k = 100 };
attempt("map bindenv", @() a.map((function(x) { return this.k + x; }).bindenv(env)));
attempt("map native", @() a.map(type));
attempt("map class", @() a.map(class { constructor(x) { } }).len());
attempt("map throws", @() a.map(function(x) { if (x == 1) throw "one"; return x; }));
try { a.map(function(x) { throw { code = x }; }); } catch (e) { print("map throws table: " + e.code + "\n"); }
attempt("map catches", @() a.map(function(x) { try { if (x == 2) throw "two"; return x; } catch (e) { return e; } }));
attempt("map runtime error", @() a.map(@(x) x + null));
attempt("nested map", @() a.map(@(x) a.map(@(y) x * y)));
attempt("map closure escapes", function() {
  local fs = a.map(function(x) { local y = x * 2; return @() y; });
  return fs.map(@(f) f());
});
attempt("map generator", @() a.map(function(x) { yield x; }).len());
attempt("apply", function() { local b = clone a; b.apply(@(x) x + 1); return b; });
attempt("apply shrinks", function() { local b = [1, 2, 3, 4]; b.apply(function(x) { if (b.len() > 2) b.pop(); return x * 2; }); return b; });
attempt("filter", @() a.filter(@(i, x) x > 1));
attempt("filter one param", @() a.filter(@(x) true));
attempt("filter throws", @() a.filter(function(i, x) { if (i == 2) throw "at " + i; return true; }));
attempt("reduce", @() a.reduce(@(p, c) p + c));
attempt("reduce strings", @() ["a", "b", "c"].reduce(@(p, c) p + c));
attempt("reduce three params", @() a.reduce(@(p, c, d) p));
attempt("reduce default", @() a.reduce(function(p, c, d = 1) { return p + c + d; }));
attempt("sort", function() { local b = [5, 2, 9, 1]; b.sort(@(x, y) x <=> y); return b; });
attempt("sort desc float", function() { local b = [5, 2, 9, 1]; b.sort(@(x, y) (y - x) * 0.5); return b; });
attempt("sort bad result", function() { local b = [5, 2, 9]; b.sort(@(x, y) "no"); return b; });
attempt("sort throws string", function() { local b = [5, 2, 9]; b.sort(function(x, y) { throw "bad cmp"; }); return b; });
attempt("sort throws int", function() { local b = [5, 2, 9]; b.sort(function(x, y) { throw 7; }); return b; });
attempt("sort one param", function() { local b = [5, 2, 9]; b.sort(@(x) 0); return b; });
attempt("sort native", function() { local b = [5, 2, 9]; b.sort(print); return b; });
attempt("sort resizes", function() { local b = [5, 2, 9]; b.sort(function(x, y) { b.push(1); return 0; }); return b; });
attempt("sort deep", function() { local b = [3, 1, 2]; b.sort(@(x, y) [x].map(@(v) v)[0] <=> [y].reduce(@(p, c) c)); return b; });
function deep(n) { return n == 0 ? 0 : [n].map(@(x) deep(x - 1))[0] + 1; }
attempt("deep", @() deep(30));
attempt("too deep", @() deep(200));
print("done\n");
