// try/catch/throw in a loop: errors thrown directly, from nested calls,
// rethrown, and runtime errors (a missing slot) caught.
function check(v) {
  if (v % 3 == 0) throw "bad " + v;
  return v;
}
function level2(v) { return check(v) + 1; }
function level1(v) { return level2(v) * 2; }
function parse(t, k) { return t[k]; }

local caught = 0, sum = 0, missing = 0, rethrown = 0;
local t = { a = 1, b = 2 };
for (local i = 0; i < 100000; i++) {
  try {
    sum = (sum + level1(i)) % 1000003;
  } catch (e) {
    caught++;
  }
  try {
    try {
      if (i % 5 == 0) throw i;
    } catch (e) {
      throw e + 1;
    }
  } catch (e) {
    rethrown += e % 7;
  }
  try {
    sum += parse(t, (i & 1) ? "a" : "c");
  } catch (e) {
    missing++;
  }
}
print("caught " + caught + " sum " + sum + " missing " + missing + " rethrown " + rethrown + "\n");
