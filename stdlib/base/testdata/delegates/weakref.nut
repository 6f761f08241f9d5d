// Weak-reference delegate: ref, weakref, tostring; weakref() on every type.
function check(label, f) {
  try { local r = f(); print(label + ": " + (r == null ? "null" : typeof r) + "\n"); }
  catch (e) { print(label + ": error " + e + "\n"); }
}
local t = { name = "target" };
local w = t.weakref();
print("typeof: " + typeof w + " type(): " + type(w) + "\n");
print("ref(): " + (w.ref() == t) + " " + w.ref().name + "\n");
local ww = w.weakref();
print("weakref of a weakref: " + typeof ww + " " + typeof ww.ref() + " " + (ww.ref() == w) + " " + (ww.ref().ref() == t) + "\n");
print("tostring prefix: " + w.tostring().slice(0, 9) + "\n");
check("ref(1)", @() w.ref(1));
check("weakref(1)", @() w.weakref(1));
check("w.len()", @() w.len());

class C { function m() {} }
function gen() { yield 1; }
// (an array slot holding a weakref reads as its target, so w is not in this list)
local values = [[1], {}, "s", print, function() {}, C, C(), gen()];
foreach (v in values) check("weakref of " + typeof v, @() v.weakref());
foreach (v in values) check("ref of " + typeof v, @() v.weakref().ref());
foreach (v in [1, 2.5, true]) check("weakref of " + typeof v, @() v.weakref());
check("weakref of a local weakref", @() w.weakref());
check("ref of a local weakref's weakref", @() w.weakref().ref());
