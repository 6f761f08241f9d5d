// call/acall/pcall of Squirrel functions from the loop: results, errors,
// depth, generators and natives behave as nested calls do.
function add(a, b = 10) { return this.k + a + b; }
local o = { k = 1 };
print(add.call(o, 2) + " " + add.call(o, 2, 3) + " " + add.acall([o, 4]) + " " + add.pcall(o, 5, 5) + "\n");
function str(n) { return "s" + n; }
print(str.call(this, 7) + str.acall([this, 8]).len() + "\n");
function thrower(x) { throw "thrown " + x; }
try { thrower.call(this, 1); } catch (e) { print("caught " + e + "\n"); }
try { add.call(); } catch (e) { print("no this: " + e.slice(0, 26) + "\n"); }
try { add.call(o, 1, 2, 3); } catch (e) { print("too many: " + e.slice(0, 26) + "\n"); }
function depth(n) { if (n == 0) return 0; return 1 + depth.call(this, n - 1); }
print("depth 40: " + depth(40) + "\n");
try { print("depth 60: " + depth(60) + "\n"); } catch (e) { print("depth 60: " + e + "\n"); }
function gen(n) { for (local i = 0; i < n; i++) yield i; }
local g = gen.call(this, 3);
print("gen " + typeof g + " " + resume g + resume g + "\n");
print("native " + ::print.call(this, "via native call\n") + "\n");
local oo = { k = 100 };
local bound = add.bindenv(oo);
print("bound " + bound(1) + " " + add.acall([oo, 1, 1]) + "\n");
function va(...) { return vargv.len(); }
print("varargs " + va.call(this, 1, 2, 3) + va.acall([this]) + "\n");
class C { v = 3; function get(x) { return v * x; } }
local c = C();
print("method " + c.get.call(c, 5) + " " + C.get.acall([c, 6]) + "\n");
local results = [];
foreach (i, f in [add, str]) results.append(f.call(o, i));
print("loop " + results[0] + results[1] + "\n");
function inner() { return add.call(o, 1); }
function outer() { local r = inner(); return r * 2; }
print("nested " + outer() + "\n");
