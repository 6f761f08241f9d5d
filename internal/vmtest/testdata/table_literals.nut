// Table literals with constant keys (built from a shape worked out at
// compile time): the order the reference's inserts give, values of their
// own on every evaluation, repeated and computed keys, a value that throws.
function keys(t) {
  local s = "";
  foreach (k, v in t) s += k;
  return s;
}
// The spec's examples (shared/spec/table-order.md).
print(keys({a = 1, b = 2, c = 3, d = 4, e = 5, f = 6, g = 7, h = 8, i = 9}) + "\n");
print(keys({i1 = 1, "i2": 2}) + "\n");
// Every evaluation is a new table: changing one leaves the next alone.
local made = [];
for (local n = 0; n < 3; n++) {
  local t = {x = n, y = n * 10, z = null, w = "w" + n};
  made.push(t);
  t.x += 100;
  delete t.y;
}
foreach (t in made) print(t.x + " " + ("y" in t) + " " + t.z + " " + t.w + " " + t.len() + "\n");
// A literal of four fields grows to eight nodes on its last, then takes
// more slots like any table.
local four = {p = 1, q = 2, r = 3, s = 4};
four.t <- 5;
four.u <- 6;
print(four.len() + " " + (four.p + four.q + four.r + four.s + four.t + four.u) + "\n");
// A repeated key: the later value, one slot.
local twice = {k = 1, m = 2, k = 3};
print(twice.len() + " " + twice.k + " " + twice.m + "\n");
// A computed key among constant ones.
local name = "dyn";
local mixed = {a = 1, [name] = 2, b = 3};
print(mixed.len() + " " + mixed.dyn + "\n");
// A value that throws: the half-built table is never seen.
function boom() { throw "boom"; }
local got = null;
try { got = {one = 1, two = boom(), three = 3}; } catch (e) { print("caught " + e + " " + got + "\n"); }
// Nested literals and functions as values.
local rec = {id = 7, pos = {x = 1, y = 2}, f = function() { return this.id; }};
print(rec.f() + " " + rec.pos.x + rec.pos.y + "\n");
