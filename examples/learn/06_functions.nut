// Lesson 6: functions.
//   impvm run examples/learn/06_functions.nut

// A function declaration makes a global (a slot of the root table).
function area(w, h) {
  return w * h;
}
print("area(3, 4) = " + area(3, 4) + "\n");

// Parameters may have default values.
function greet(name, greeting = "Hello") {
  return greeting + ", " + name + "!";
}
print(greet("imp") + " " + greet("world", "Hi") + "\n");

// ... collects extra arguments in the array vargv.
function sum(...) {
  local total = 0;
  foreach (v in vargv) total += v;
  return total;
}
print("sum = " + sum(1, 2, 3, 4) + "\n");

// Functions are values: store them, pass them, return them.
local ops = { add = @(a, b) a + b, mul = @(a, b) a * b };
foreach (name in ["add", "mul"]) {
  print(name + "(6, 7) = " + ops[name](6, 7) + "\n");
}

// Recursion.
function factorial(n) {
  return n <= 1 ? 1 : n * factorial(n - 1);
}
print("10! = " + factorial(10) + "\n");

// A function without return gives null.
function nothing() {}
print("nothing() = " + nothing() + "\n");

// Calling with the wrong number of arguments is an error; acall takes
// an array of this + arguments.
print("area.acall([this, 5, 6]) = " + area.acall([this, 5, 6]) + "\n");
