// Lesson 10: generators.
//   impvm run examples/learn/10_generators.nut
//
// A function that uses `yield` is a generator: calling it gives a
// generator object, and each resume runs it to the next yield.

function countTo(n) {
  for (local i = 1; i <= n; i++) {
    yield i;
  }
  return null;
}

local gen = countTo(3);
print(resume gen + " " + resume gen + " " + resume gen + "\n");
print("status after the last yield: " + gen.getstatus() + "\n");

// foreach runs a generator to the end.
foreach (v in countTo(4)) print("foreach got " + v + "\n");

// Generators can produce endless sequences; take what you need.
function fibonacci() {
  local a = 0, b = 1;
  while (true) {
    yield a;
    local next = a + b;
    a = b;
    b = next;
  }
}
local fib = fibonacci();
local first = [];
for (local i = 0; i < 10; i++) first.append(resume fib);
print("fibonacci: ");
foreach (i, v in first) print((i > 0 ? ", " : "") + v);
print("\n");
