// 10^6 method calls on an instance.
class Counter {
  n = 0;
  function inc(d) { n += d; return n; }
}
local c = Counter();
for (local i = 0; i < 1000000; i++) c.inc(1);
print("count " + c.n + "\n");
