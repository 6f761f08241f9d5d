// Table slots created with <- and read through delegate chains: own slots
// of every level come first, then _get, then the default delegate.
local t = { a = 1, b = 2, a = 3 };
print(t.a + " " + t.len() + "\n");
t.c <- 4;
t.c <- 5;
print(t.c + " " + t.len() + "\n");
local log = [];
local meta = { _newslot = function(k, v) { log.push(k); rawset(k, v * 10); } };
local m = {}.setdelegate(meta);
m.x <- 1;
m.x <- 2;          // exists now: no _newslot
m["y"] <- 3;
print(m.x + " " + m.y + " " + log.len() + "\n");
local bottom = { kind = "base", shared = "from base" };
local mid = { kind = "mid" }.setdelegate(bottom);
local rec = { id = 7 }.setdelegate(mid);
print(rec.kind + " " + rec.shared + " " + rec.id + " " + rec.len() + "\n");
local getter = { _get = function(k) { return "got " + k; } };
local top = { kind = "top" }.setdelegate(getter);
local leaf = {}.setdelegate(top);
print(leaf.kind + " " + leaf.other + " " + leaf.len() + "\n");
local obj = { n = 1 };
local w = { ref = obj.weakref() };
local child = {}.setdelegate(w);
print(typeof child.ref + " " + child.ref.n + "\n");
try { print(rec.missing); } catch (e) { print(e + "\n"); }
for (local i = 0; i < 40; i++) t["k" + i] <- i;
local sum = 0;
foreach (k, v in t) sum += v;
print(t.len() + " " + sum + "\n");
