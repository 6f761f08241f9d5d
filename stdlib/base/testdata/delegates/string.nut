// String default delegate (3.0.4: no tointeger base, no tolower/toupper range).
function show(v) {
  local t = type(v);
  if (t == "null") return "null";
  if (t == "string") return "\"" + v + "\"";
  return v.tostring() + " (" + t + ")";
}
function check(label, f) {
  try { print(label + ": " + show(f()) + "\n"); }
  catch (e) { print(label + ": error " + e + "\n"); }
}
local s = "Hello, World";

// len
print("len: " + s.len() + " " + "".len() + " " + "a\0b".len() + "\n");
check("len(1)", @() s.len(1));

// tointeger: strtod when the text contains . e E, else strtol base 10
foreach (t in ["123", "-45", "+6", "  78", "9abc", "0", "010", "0x1A", "3.99", "-3.99",
    "1e3", "2E2", "1.5e1x", "0x1E", "12abc e", "99999999999", "-99999999999", "2147483648", "-2147483648"])
  check("\"" + t + "\".tointeger()", @() t.tointeger());
check("tab-newline-space 5", @() "\t\n 5".tointeger());
// tofloat
foreach (t in ["1.5", "-0.25", "3", " 2.5xyz", ".5", "5.", "1e2", "-1E-1", "7 apples.", "100000000"])
  check("\"" + t + "\".tofloat()", @() t.tofloat());
// no digits at all
foreach (t in ["", "abc", "x1", " ", "-", "+", ".", "-.", "e5", "abc e"]) {
  check("\"" + t + "\".tointeger()", @() t.tointeger());
  check("\"" + t + "\".tofloat()", @() t.tofloat());
}
check("tointeger(16)", @() "ff".tointeger(16));
check("tofloat(1)", @() "1".tofloat(1));

// tostring
print("tostring: " + (s.tostring() == s) + " " + typeof s.tostring() + "\n");

// slice(start[, end])
check("slice(0, 5)", @() s.slice(0, 5));
check("slice(7)", @() s.slice(7));
check("slice(-5)", @() s.slice(-5));
check("slice(-5, -1)", @() s.slice(-5, -1));
check("slice(3, 3)", @() s.slice(3, 3));
check("slice(0)", @() s.slice(0));
check("slice(12)", @() s.slice(12));
check("slice(-12)", @() s.slice(-12));
check("slice(1.9, 3.2)", @() s.slice(1.9, 3.2));
check("slice(0, -1)", @() s.slice(0, -1));
check("slice()", @() s.slice());
check("slice(1, 2, 3)", @() s.slice(1, 2, 3));
check("slice(5, 2)", @() s.slice(5, 2));
check("slice(13)", @() s.slice(13));
check("slice(-1, -2)", @() s.slice(-1, -2));
check("slice(0, 100)", @() s.slice(0, 100));
check("slice(12, 13)", @() s.slice(12, 13));
check("slice(-13)", @() s.slice(-13));
check("slice(\"x\")", @() s.slice("x"));
check("slice(0, \"y\")", @() s.slice(0, "y"));
check("slice(null)", @() s.slice(null));

// find(sub[, start])
check("find(\"o\")", @() s.find("o"));
check("find(\"o\", 5)", @() s.find("o", 5));
check("find(\"World\")", @() s.find("World"));
check("find(\"xyz\")", @() s.find("xyz"));
check("find(\"\")", @() s.find(""));
check("find(\"\", 11)", @() s.find("", 11));
check("find(\"\", 12)", @() s.find("", 12));
check("\"\".find(\"\")", @() "".find(""));
check("find(\"H\", 0)", @() s.find("H", 0));
check("find(\"o\", 4.9)", @() s.find("o", 4.9));
check("find(\"o\", 100)", @() s.find("o", 100));
check("find(\"H\", -1)", @() s.find("H", -1));
check("find(\"d\", 11)", @() s.find("d", 11));
// find is binary-safe as on the imp (Electric Imp's flash libraries search for
// markers that start with a NUL); C Squirrel's strstr would stop at the NUL.
check("find(\"W\\0zzz\")", @() s.find("W\0zzz"));
check("\"ab\\0cd\".find(\"cd\")", @() "ab\0cd".find("cd"));
check("\"ab\\0cd\".find(\"cd\", 3)", @() "ab\0cd".find("cd", 3));
check("find(5)", @() s.find(5));
check("find(\"o\", \"0\")", @() s.find("o", "0"));
check("find()", @() s.find());

// tolower / toupper (whole string, ASCII only)
print("case: " + s.tolower() + " | " + s.toupper() + " | " + "MiXeD 123 !?".tolower() + " | " + s + "\n");
local z = "a\0B".toupper();
print("case keeps NUL: " + z.len() + " " + z[0] + " " + z[1] + " " + z[2] + "\n");
check("tolower(1)", @() s.tolower(1));
check("toupper(0, 1)", @() s.toupper(0, 1));

// weakref
local w = "str".weakref();
print("weakref: " + typeof w + " " + (w.ref() == "str") + "\n");

// the methods check the type of this
check("len.call([1])", @() s.len.call([1]));
check("slice.call(5, 0)", @() s.slice.call(5, 0));
check("missing method", @() s.nosuch());
