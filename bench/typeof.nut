// typeof dispatch, instanceof along a class chain, and clone of tables
// and arrays met in a mixed array.
class A { x = 1; function get() { return x; } }
class B extends A { y = 2; }
local vals = [1, 2.0, "s", [1, 2], {a = 1, b = 2}, null, true, A(), B(), @() 1];
local n = 0, cl = 0;
for (local r = 0; r < 100000; r++) {
  foreach (v in vals) {
    local t = typeof v;
    if (t == "integer") n++;
    else if (t == "string") n += 2;
    else if (t == "instance") { if (v instanceof B) n += 3; else if (v instanceof A) n += 4; }
    else if (t == "table") { local c = clone v; cl += c.len(); }
    else if (t == "array") { local c = clone v; cl += c.len(); }
    else if (t == "float") n += 5;
  }
}
print(n + " " + cl + "\n");
