// Deep method chains: builders returning this, getters through several
// objects, and array.map/filter/reduce/apply with Squirrel callbacks.
class Vec {
  x = 0; y = 0;
  constructor(px, py) { x = px; y = py; }
  function add(o) { x += o.x; y += o.y; return this; }
  function scale(k) { x *= k; y *= k; return this; }
  function neg() { x = -x; y = -y; return this; }
  function sum() { return x + y; }
}
class Node {
  next = null; v = null;
  constructor(n, pv) { next = n; v = pv; }
  function getNext() { return next; }
  function getV() { return v; }
}

local head = null;
for (local i = 0; i < 8; i++) head = Node(head, Vec(i, i + 1));
local total = 0;
local one = Vec(1, 1);
for (local i = 0; i < 40000; i++) {
  local v = Vec(i & 7, 3);
  total += v.add(one).scale(2).neg().add(one).scale(3).sum();
  total += head.getNext().getNext().getNext().getNext().getV().sum();
}
local a = [];
for (local i = 0; i < 1000; i++) a.append(i);
for (local r = 0; r < 40; r++) {
  total += a.map(@(x) x * 3).filter(@(i, x) x & 1).reduce(@(p, x) p + x) & 0xffff;
  local b = clone a;
  b.apply(@(x) x + r);
  total += b.top();
}
print("total " + total + "\n");
