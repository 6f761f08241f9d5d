// Recursive Fibonacci: call overhead.
function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
print("fib(27) = " + fib(27) + "\n");
