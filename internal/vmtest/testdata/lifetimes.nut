// Lifetimes as on the imp (reference counting, no cycle collector), seen
// through weak references and bindenv. Every weakref line agrees with the C
// Squirrel 3.0.4 reference; the bindenv lines do not: C 3.0.4 holds a bound
// function's environment weakly, the imp strongly (Electric Imp's own
// MessageManager, whose suite passes on imp devices, binds its handlers to
// an object nothing else holds). Each check runs in its own function call,
// after the calls that dropped references have returned.
function state(w) { return w.ref() == null ? "dead" : "alive"; }
function describe() { return this == null ? "this=null" : "this=" + typeof this; }

print("bindenv on a temporary: " + describe.bindenv({a = 2})() + "\n");

local env = {a = 3};
local b = describe.bindenv(env);
print("bindenv on a local: " + b() + "\n");
env = null;
print("after the local is cleared: " + b() + "\n");

local t = {x = 1};
local w = t.weakref();
print("weakref to a local: " + state(w) + "\n");
t = null;
print("after the local is cleared: " + state(w) + "\n");

local a = {};
a.self <- a;
local wa = a.weakref();
a = null;
print("a table referring to itself: " + state(wa) + "\n");
local c1 = {}; local c2 = {p = c1}; c1.q <- c2;
local wc = c2.weakref();
c1 = null; c2 = null;
print("two tables referring to each other: " + state(wc) + "\n");
function breakCycle(w) { w.ref().p.q = null; }
breakCycle(wc);
print("after the cycle is broken through the weakref: " + state(wc) + "\n");

function mk() { local o = {}; o.f <- function() { return o; }; return o; }
local m = mk();
local wm = m.weakref();
m = null;
print("a cycle through a closure's free variable: " + state(wm) + "\n");

::keeper <- {v = 1};
local wk = ::keeper.weakref();
print("held by the root table: " + state(wk) + "\n");
::keeper = null;
print("after the root slot is cleared: " + state(wk) + "\n");

local keepfn = null;
function holder() { local x = {v = 2}; keepfn = function() { return x; }; return x.weakref(); }
local wx = holder();
print("held by a free variable: " + state(wx) + "\n");
keepfn = null;
print("after the closure is dropped: " + state(wx) + "\n");

class Bar { static reg = {}; }
Bar.reg.item <- {z = 1};
local wb = Bar.reg.item.weakref();
print("held by a class's static table: " + state(wb) + "\n");
delete Bar.reg.item;
print("after the slot is deleted: " + state(wb) + "\n");

local arr = [{}, {}];
local w0 = arr[0].weakref();
print("held by an array: " + state(w0) + "\n");
arr[0] = null;
print("after the element is overwritten: " + state(w0) + "\n");

function slotIs(s, v) { return s.r == v; }
local slot = {};
local tgt = {k = 1};
slot.r <- tgt.weakref();
print("a weakref in a slot reads as its target: " + slotIs(slot, tgt) + "\n");
tgt = null;
print("... and as null once the target has gone: " + slotIs(slot, null) + "\n");

class Foo { v = 1; }
local inst = Foo();
local holderT = {i = inst};
local wi = inst.weakref();
inst = null;
print("an instance held by a table: " + state(wi) + "\n");
holderT = null;
print("after the table is dropped: " + state(wi) + "\n");

function register() { return function() { return this == null ? "lost this" : "has this"; }.bindenv({}); }
local cb = register();
print("a callback bound to a temporary: " + cb() + "\n");

local obj = {name = "obj"};
obj.cb <- function() { return this == null ? "null" : name; }.bindenv(obj);
print("bound to the table that stores it: " + obj.cb() + "\n");
local cb2 = obj.cb;
obj = null;
print("after the table is dropped: " + cb2() + "\n");
