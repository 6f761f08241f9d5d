// Inputs that kill the C reference give clean Squirrel errors or defined results.
function depth(n) { return n == 0 ? 0 : 1 + depth(n - 1); }
print("10000-deep recursion: " + depth(10000) + "\n");
function forever(n) { return 1 + forever(n + 1); }
try { forever(0); } catch (e) { print("runaway recursion: " + e + "\n"); }
print("INT_MIN / -1 = " + (-2147483647 - 1) / -1 + "\n");
print("INT_MIN % -1 = " + (-2147483647 - 1) % -1 + "\n");
try { local a = array(-1); } catch (e) { print("array(-1): " + e + "\n"); }
try { print(1 / 0); } catch (e) { print("1 / 0: " + e + "\n"); }
try { print(1 % 0); } catch (e) { print("1 % 0: " + e + "\n"); }
print("1.0 / 0: " + (1.0 / 0) + "\n");
function gen() { try { yield 1; yield 2; } catch (e) { yield "caught " + e; } }
local g = gen();
print("yield inside try: " + resume g + " " + resume g + "\n");
function thrower() { try { yield 1; throw "boom"; } catch (e) { yield "caught " + e; } }
local t = thrower();
print("throw after yield inside try: " + resume t + " " + resume t + " " + t.getstatus() + "\n");
print("shift by 32: " + (1 << 32) + " " + (-1 >> 40) + " " + (1 << -1) + "\n");
