// Calls: default parameters, varargs, call/acall/pcall, bindenv, env
// functions, native callbacks.
function def(a, b = 2, c = 3) { return a + b * c; }
function va(a, ...) { local s = a; foreach (v in vargv) s += v; return s + vargv.len(); }
local obj = { k = 5, f = function(x) { return this.k + x; } };
local env = { k = 100 };
local bound = obj.f.bindenv(env);
local total = 0;
for (local i = 0; i < 100000; i++) {
  total += def(i) + def(i, 1) + def(i, 1, 1);
  total += va(i) + va(i, 1, 2, 3);
  total += obj.f(i & 7) + bound(1);
  total += def.call(this, 1, 1) + def.acall([this, 2, 2, 2]);
  total = total & 0xFFFFFF;
}
print("total " + total + "\n");
