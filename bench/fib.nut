// Recursive Fibonacci: call overhead.
function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
local r = fib(30);
if (r != 832040) throw "fib(30) gave " + r;
