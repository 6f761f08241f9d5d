// ++ and -- on a local instance call exactly one metamethod: _add(1) or _sub(1).
local calls = [];
class Counter {
  n = 0;
  constructor(v) { n = v; }
  function _add(d) { calls.append("_add(" + d + ")"); return Counter(n + d); }
  function _sub(d) { calls.append("_sub(" + d + ")"); return Counter(n - d); }
}
local c = Counter(5);
c++;
c--;
c--;
print(c.n + " " + calls.reduce(@(a, b) a + " " + b) + "\n");
