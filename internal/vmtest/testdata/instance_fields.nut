// Instances of every field count (none, the slab sizes, and more than
// a slab holds), their clones, and a class that takes no new field
// once it has an instance.
class F0 { function sum() { return 0; } }
class F1 { a = 1; function sum() { return a; } }
class F3 { a = 1; b = 2; c = 3; function sum() { return a + b + c; } }
class F4 extends F3 { d = 4; function sum() { return base.sum() + d; } }
class F9 {
  a = 1; b = 2; c = 3; d = 4; e = 5; f = 6; g = 7; h = 8; i = 9;
  function sum() { return a + b + c + d + e + f + g + h + i; }
}
local kept = [];
foreach (i, C in [F0, F1, F3, F4, F9]) {
  for (local n = 0; n < 20; n++) kept.append(C());
  local x = C();
  print(i + ": " + x.sum() + "\n");
}
local t = 0;
foreach (x in kept) t += x.sum();
print("kept " + t + "\n");
local y = F4();
y.a = 10; y.d = 40;
local z = clone y;
z.b = 20;
print(y.sum() + " " + z.sum() + " " + (z instanceof F3) + "\n");
print(F0.instance().sum() + " " + F9.instance().sum() + "\n");
try { F3.rawnewmember("z", 5); print("added\n"); } catch (e) { print(e + "\n"); }
try { F3.newmember("w", 5); print("added\n"); } catch (e) { print(e + "\n"); }
try { F3.z <- 5; print("added\n"); } catch (e) { print(e + "\n"); }
F3.rawnewmember("m", function() { return "method"; });
F3.rawnewmember("s", 7, null, true);
print(F3().m() + " " + F3.s + " " + F3().sum() + " " + y.a + "\n");
class G { a = 1; }
G.rawnewmember("b", 2);
print(G().b + "\n");
