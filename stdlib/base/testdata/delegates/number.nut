// Number default delegate: integer, float and bool share it.
function check(label, f) {
  try { local r = f(); print(label + ": " + r + " (" + typeof r + ")\n"); }
  catch (e) { print(label + ": error " + e + "\n"); }
}

print("tointeger: " + (42).tointeger() + " " + (2.9).tointeger() + " " + (-2.9).tointeger() + " " +
  (0.5).tointeger() + " " + (-0.5).tointeger() + " " + (1e9).tointeger() + " " + true.tointeger() + " " + false.tointeger() + "\n");
print("tointeger types: " + typeof (2.5).tointeger() + " " + typeof (7).tointeger() + " " + typeof true.tointeger() + "\n");
print("tofloat: " + (5).tofloat() + " " + (-3).tofloat() + " " + (2.5).tofloat() + " " + true.tofloat() + " " +
  false.tofloat() + " " + (16777217).tofloat() + "\n");
print("tofloat types: " + typeof (5).tofloat() + " " + typeof true.tofloat() + "\n");
print("tofloat rounds to float32: " + ((16777217).tofloat() == 16777216.0) + "\n");
print("tostring: " + (42).tostring() + " " + (-7).tostring() + " " + (2.5).tostring() + " " + (1e-7).tostring() + " " +
  (1.0).tostring() + " " + (100.0).tostring() + " " + true.tostring() + " " + false.tostring() + " " + typeof (1).tostring() + "\n");
print("tochar: " + (72).tochar() + (105).tochar() + " " + (65.9).tochar() + " " + (300).tochar()[0] + " " +
  (0).tochar().len() + " " + (0).tochar()[0] + " " + true.tochar()[0] + " " + false.tochar()[0] + " " + typeof (65).tochar() + "\n");
print("weakref returns the value: " + (5).weakref() + " " + (2.5).weakref() + " " + true.weakref() + " " +
  typeof (5).weakref() + " " + typeof (2.5).weakref() + " " + typeof false.weakref() + " " + ((5).weakref() == 5) + "\n");

check("(1).tointeger(2)", @() (1).tointeger(2));
check("(1).tofloat(1)", @() (1).tofloat(1));
check("(1).tostring(1)", @() (1).tostring(1));
check("(1).tochar(1)", @() (1).tochar(1));
check("(1).weakref(1)", @() (1).weakref(1));
check("(5).len()", @() (5).len());
check("true.len()", @() true.len());
check("(1.5).slice(0)", @() (1.5).slice(0));

// the methods are ordinary natives: bound to another number, or to a wrong type
local tofloat = (5).tofloat;
print("method value: " + typeof tofloat + "\n");
check("tofloat.call(7)", @() tofloat.call(7));
check("tofloat.call(true)", @() tofloat.call(true));
check("tofloat.call(\"x\")", @() tofloat.call("x"));
check("(1).tochar.call([])", @() (1).tochar.call([]));
check("(1).tostring.call(\"s\")", @() (1).tostring.call("s"));

local n = null;
check("null.weakref()", @() n.weakref());
check("null.tostring()", @() n.tostring());
