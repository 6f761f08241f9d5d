// Metamethods the VM calls as frames of its own loop: results, misses,
// errors, traps, tail calls, depth and generators behave as nested calls do.
function helperMiss(k) { throw null; }
function look(k) { return "tail:" + k; }
class P {
  store = null;
  constructor() { store = { a = 1 }; }
  function _get(k) {
    if (k in store) return store[k];
    if (k == "deep") return helperMiss(k);      // null from a function _get calls
    if (k == "tail") return look(k);            // a tail call
    if (k == "caught") { try { throw null; } catch (e) { return "caught " + e; } }
    if (k == "str") throw "bad " + k;
    throw null;
  }
  function _set(k, v) {
    if (k == "nope") throw null;
    if (k == "boom") throw "cannot set " + k;
    store[k] <- v;
    return "ignored";
  }
}
local p = P();
print(p.a + " " + p.tail + " " + p.caught + "\n");
try { print(p.deep + "\n"); } catch (e) { print("deep: " + e + "\n"); }
try { print(p.zzz + "\n"); } catch (e) { print("miss: " + e + "\n"); }
try { print(p.str + "\n"); } catch (e) { print("str: " + e + "\n"); }
print("getclass via default delegate after miss: " + (p.getclass() == P) + "\n");
p.b = 7;
print("set then get: " + p.b + "\n");
try { p.nope = 1; } catch (e) { print("set miss: " + e + "\n"); }
try { p.boom = 1; } catch (e) { print("set throw: " + e + "\n"); }
local r = (p.c = 9);
print("assignment value: " + r + " " + p.c + "\n");

class V {
  x = 0;
  constructor(v) { x = v; }
  function _add(o) { return V(x + o.x); }
  function _sub(o) { return V(x - (typeof o == "integer" ? o : o.x)); }
  function _mul(o) { return V(x * o); }
  function _div(o) { return V(x / o); }
  function _modulo(o) { return V(x % o); }
  function _unm() { return V(-x); }
  function _typeof() { return "V"; }
  function _cmp(o) { return x <=> o.x; }
  function _tostring() { return "V(" + x + ")"; }
}
local a = V(3), b = V(5);
print((a + b) + " " + (b - a) + " " + (a * 4) + " " + (b / 2) + " " + (b % 3) + " " + (-a) + " " + typeof a + "\n");
local c = V(10) - a;
print("c " + c + "\n");
print((a < b) + " " + (a <= b) + " " + (a > b) + " " + (a >= b) + " " + (a <=> b) + " " + (b <=> a) + "\n");
local n = 0;
for (local i = V(0); i < V(5); i = i + V(1)) n++;
print("loop ran " + n + "\n");
if (a < b) print("branch taken\n"); else print("branch not taken\n");
if (a > b) print("branch taken\n"); else print("branch not taken\n");
local w = V(0), steps = 0;
while (w < V(3)) { w = w + V(1); steps++; }
print("while " + steps + "\n");
local arr = [V(3), V(1), V(2)];
arr.sort(@(x, y) x <=> y);
print("sorted " + arr[0] + arr[1] + arr[2] + "\n");

class BadCmp { function _cmp(o) { return "x"; } }
try { print(BadCmp() < BadCmp()); } catch (e) { print("cmp: " + e + "\n"); }
try { if (BadCmp() < BadCmp()) print("?"); } catch (e) { print("cmp branch: " + e + "\n"); }

class Callable {
  k = 2;
  function _call(t, x, y = 10) { return k * x + y; }
}
local f = Callable();
print("call " + f(3) + " " + f(3, 4) + "\n");

class Slots {
  log = null;
  constructor() { log = []; }
  function _newslot(k, v) { log.append("new " + k + "=" + v); }
  function _delslot(k) { log.append("del " + k); return "gone " + k; }
}
local s = Slots();
s.q <- 4;
print((delete s.q) + " " + s.log.len() + " " + s.log[0] + " " + s.log[1] + "\n");

class Range {
  n = 0;
  constructor(k) { n = k; }
  function _nexti(prev) { if (prev == null) return 0; if (prev + 1 < n) return prev + 1; return null; }
  function _get(i) { if (typeof i == "integer") return i * i; throw null; }
}
local sq = [];
foreach (k, v in Range(4)) sq.append(k + ":" + v);
print("nexti " + sq.len() + " " + sq[0] + " " + sq[3] + "\n");

class Deep {
  d = 0;
  constructor(k) { d = k; }
  function _add(o) { if (d == 0) return 0; return Deep(d - 1) + o; }
}
try { print("depth 50: " + (Deep(50) + 1) + "\n"); } catch (e) { print("depth 50: " + e + "\n"); }
try { print("depth 200: " + (Deep(200) + 1) + "\n"); } catch (e) { print("depth 200: " + e + "\n"); }

class GenGet {
  function _get(k) { yield k; }
}
local g = GenGet().foo;
print("generator _get: " + typeof g + " " + resume g + "\n");

class InGen {
  function _add(o) { return 100 + o; }
}
function gen() { local x = InGen(); yield x + 1; yield x + 2; }
local gg = gen();
print("in generator: " + resume gg + " " + resume gg + "\n");

local tbl = { own = 1 };
tbl.setdelegate({ _get = function(k) { if (k == "v") return "got " + k; throw null; },
                  _set = function(k, v) { throw null; } });
print(tbl.own + " " + tbl.v + "\n");
try { tbl.zz; } catch (e) { print("table miss: " + e + "\n"); }
try { tbl.zz = 1; } catch (e) { print("table set miss: " + e + "\n"); }
print("table len via default delegate? " + ("len" in tbl) + "\n");

class Counter {
  hits = 0;
  function _get(k) { hits++; throw null; }
}
local cnt = Counter();
local found = 0;
for (local i = 0; i < 10; i++) { try { cnt.x; } catch (e) { found++; } }
print("misses " + found + " hits " + cnt.hits + "\n");

class Via {
  function _get(k) {
    if (k == "cb") return [1, 2].map(function(x) { if (x == 2) throw null; return x; });
    if (k == "tail") return this.other(k);
    throw null;
  }
  function other(k) { return "other " + k; }
  function _set(k, v) { return setter(k, v); }
  function _tostring() { return "Via!"; }
}
function setter(k, v) { if (k == "ok") return v; throw null; }
local via = Via();
try { print(via.cb + "\n"); } catch (e) { print("null from a callback: " + e + "\n"); }
print(via.tail + " " + via + " " + ("" + via) + "\n");
via.ok = 3;
try { via.bad = 4; } catch (e) { print("set tail miss: " + e + "\n"); }
function noisy(o) { try { return o.zz; } catch (e) { return "caught " + e; } }
print(noisy(via) + "\n");
local cmps = [V(5), V(2), V(9), V(1)];
cmps.sort();
print("sort by _cmp " + cmps[0] + cmps[1] + cmps[2] + cmps[3] + "\n");
