// Free variables are captured by reference; loops; generators close at yield (3.2 behaviour).
local fs = [];
for (local i = 0; i < 3; i++) {
  if (i == 2) { fs.append(@() i); break; }
  fs.append(@() i);
}
local s = "";
foreach (f in fs) s += f() + " ";
print("for counter captured before break: " + s + "\n");
function counterGen() {
  local x = 1;
  local get = @() x;
  yield get;
  x = 2;
  yield get;
}
local g = counterGen();
local g1 = resume g;
local g2 = resume g;
print("generator closure after yield: " + g1() + " " + g2() + "\n");
local o = 42;
local h = function() { local a = 1; return (o += a) + (o -= a); };
print("compound assignment to an outer in an expression: " + h() + " " + o + "\n");
local k = 0;
switch (k) { case k: print("a local as a case label matches itself\n"); break; default: print("no\n"); }
print("k is still " + k + "\n");
local benv = { name = "env" }; // held: a bound function keeps its environment only weakly
local bound = function() { return this.name; }.bindenv(benv);
print("bindenv: " + bound() + "\n");
local w = bound.weakref();
print("weakref to a bound closure: " + w.ref()() + "\n");
