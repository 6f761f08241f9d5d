// Function default delegate (closures and natives): call, pcall, acall, pacall, bindenv, getinfos.
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
local obj = { name = "obj" };
function describe(a, b = "dflt") { return this.name + " " + a + " " + b; }

// call / pcall: explicit this
check("call", @() describe.call(obj, 1, 2));
check("call default param", @() describe.call(obj, 1));
check("pcall", @() describe.pcall(obj, 3, 4));
check("call too few", @() describe.call(obj));
check("call no this", @() describe.call());
check("native call", @() type.call(null, 5));
check("native pcall", @() "abc".len.pcall("hello"));
check("call passes this through", @() (function() { return this; }).call(obj) == obj);
check("call error propagates", @() (function() { throw "inner"; }).call(obj));
check("pcall error propagates", @() (function() { throw "inner p"; }).pcall(obj));

// acall / pacall: [this, args...]
check("acall", @() describe.acall([obj, "x", "y"]));
check("pacall", @() describe.pacall([obj, "z"]));
check("acall empty", @() describe.acall([]));
check("acall not an array", @() describe.acall(obj));
check("acall two args", @() describe.acall([obj, 1], 2));
check("native acall", @() "abc".slice.acall(["hello", 1, 3]));
local params = [obj, "p"];
describe.acall(params);
check("acall leaves the array", @() params);
check("vargs via acall", @() (function(...) { return vargv; }).acall([null, 1, 2, 3]));

// bindenv: fixed this, held strongly
local bound = describe.bindenv(obj);
check("bindenv type", @() typeof bound);
check("bindenv is a new function", @() bound == describe);
check("bound call", @() bound(5));
check("bound ignores call's this", @() bound.call({ name = "other" }, 6));
check("original unchanged", @() describe.call({ name = "orig" }, 7));
local Cls = class { name = "instance"; function get() { return name; } };
local inst = Cls();
check("bindenv(instance)", @() describe.bindenv(inst)(8));
check("bindenv(class)", @() (function() { return typeof this; }).bindenv(Cls)());
check("bindenv(5)", @() describe.bindenv(5));
check("bindenv(null)", @() describe.bindenv(null));
check("bindenv([])", @() describe.bindenv([]));
check("bindenv()", @() describe.bindenv());
function makeHandler() {
  local owner = { tag = "kept alive" };
  return function() { return this.tag; }.bindenv(owner);
}
local handler = makeHandler();
collectgarbage();
check("environment held only by the handler stays (the imp holds it strongly)", @() handler());
local counter = 0;
local inc = function() { counter++; return counter; }.bindenv(obj);
inc(); inc();
check("bound closure shares free variables", @() counter);
local nb = type.bindenv(obj);
check("native bindenv", @() nb(1.5));
check("native bindenv type", @() typeof nb);

// getinfos: the standard table (the imp does not document it)
function infos(f) {
  local i = f.getinfos();
  local s = "native=" + show(i.native) + " name=" + show(i.name);
  if (!i.native)
    s += " src=" + type(i.src) + " parameters=" + show(i.parameters) + " varargs=" + show(i.varargs) + " defparams=" + show(i.defparams);
  else
    s += " paramscheck=" + show(i.paramscheck) + " typecheck=" + show(i.typecheck);
  return s;
}
function withDefaults(a, b = 2, c = "three") {}
function withVargs(a, ...) {}
print("getinfos describe: " + infos(describe) + "\n");
print("getinfos withDefaults: " + infos(withDefaults) + "\n");
print("getinfos withVargs: " + infos(withVargs) + "\n");
print("getinfos anonymous: " + infos(function() {}) + "\n");
print("getinfos print: " + infos(print) + "\n");
print("getinfos slice: " + infos("".slice) + "\n");
print("getinfos setdelegate: " + infos({}.setdelegate) + "\n");
print("getinfos bindenv: " + infos(describe.bindenv) + "\n");
print("getinfos class tostring: " + infos(class {}.tostring) + "\n");
print("getinfos instance weakref: " + infos((class {})().weakref) + "\n");
check("getinfos(1)", @() describe.getinfos(1));

// tostring and weakref
check("tostring prefix", @() describe.tostring().slice(0, 10));
check("native tostring prefix", @() print.tostring().slice(0, 10));
local w = describe.weakref();
check("weakref", @() typeof w);
check("weakref ref", @() w.ref() == describe);
check("native weakref", @() typeof print.weakref().ref());
