// Base-library globals as on the imp (Squirrel 3.0.4).
function show(v) {
  local t = type(v);
  if (t == "null") return "null";
  if (t == "string") return "\"" + v + "\"";
  if (t == "array") {
    local s = "[";
    foreach (i, e in v) s += (i ? ", " : "") + show(e);
    return s + "]";
  }
  if (t == "integer" || t == "float" || t == "bool") return v.tostring();
  return t;
}
function check(label, f) {
  try { print(label + ": " + show(f()) + "\n"); }
  catch (e) { print(label + ": error " + e + "\n"); }
}

// print: exactly one argument, tostring conversion, no newline, returns null
print("print returns null: " + (print("") == null) + "\n");
print(123); print(" "); print(-1.5); print(" "); print(true); print(" "); print("s"); print("\n");
class P { function _tostring() { return "P!"; } }
print(P()); print("\n");
local td = {};
td.setdelegate({ _tostring = function() { return "T!"; } });
print(td); print("\n");
check("print()", @() print());
check("print(1, 2)", @() print(1, 2));

// error: same conversion, to stderr (see globals.err)
check("error returns null", @() error("to stderr\n"));
error(42);
check("error()", @() error());

// type: raw type name, ignores _typeof
class T { function _typeof() { return "custom"; } }
function gen() { yield 1; }
local C = class {};
local names = [type(1), type(1.5), type(""), type([]), type({}), type(null), type(print),
  type(function() {}), type(true), type(C), type(C()), type([].weakref()), type(gen())];
local s = "";
foreach (n in names) s += n + " ";
print("type: " + s + "\n");
print("type ignores _typeof: " + type(T()) + " typeof: " + typeof T() + "\n");
check("type()", @() type());
check("type(1, 2)", @() type(1, 2));

// array(n[, fill])
check("array(3)", @() array(3));
check("array(2, \"z\")", @() array(2, "z"));
check("array(0)", @() array(0));
check("array(2.9)", @() array(2.9));
check("array(-0.5)", @() array(-0.5));
check("array(-1)", @() array(-1));
check("array(\"3\")", @() array("3"));
check("array(true)", @() array(true));
check("array()", @() array());
local shared = array(2, []);
shared[0].append(1);
print("fill is shared: " + shared[1].len() + "\n");

// callee
local me = function() { return callee(); };
print("callee is the running closure: " + (me() == me) + "\n");
local fact = function(n) { return n <= 1 ? 1 : n * callee()(n - 1); };
print("anonymous recursion: " + fact(6) + "\n");
print("callee at top level: " + typeof callee() + "\n");

// assert
foreach (v in [true, 1, "", [], 0.5, -1]) {
  try { print("assert(" + show(v) + "): " + show(assert(v)) + "\n"); }
  catch (e) { print("assert(" + show(v) + "): error " + e + "\n"); }
}
foreach (v in [false, 0, 0.0, null]) {
  try { assert(v); print("assert(" + show(v) + "): no error\n"); }
  catch (e) { print("assert(" + show(v) + "): error " + e + "\n"); }
}
check("assert(false, \"msg\")", @() assert(false, "msg"));
check("assert()", @() assert());

// getroottable, dummy, collectgarbage
local root = getroottable();
print("getroottable: " + type(root) + " " + (root == this) + " " + (root.print == print) + "\n");
root.addedViaRoot <- "visible";
print("slot added via root: " + addedViaRoot + "\n");
check("dummy()", @() dummy());
check("dummy(1, 2, 3)", @() dummy(1, 2, 3));
check("collectgarbage()", @() collectgarbage());

// constants
print("_version_ " + _version_ + "\n");
print("_versionnumber_ " + _versionnumber_ + "\n");
print("_intsize_ " + _intsize_ + " _floatsize_ " + _floatsize_ + " _charsize_ " + _charsize_ + "\n");

// removed on the imp
foreach (n in ["compilestring", "newthread", "suspend", "setroottable", "getconsttable",
    "setconsttable", "setdebughook", "seterrorhandler", "getstackinfos"])
  print(n + " present: " + (n in root) + "\n");
