// Array default delegate: 3.0.4 return values (mutators return null).
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

local a = [1, 2, 3];
check("append(4)", @() a.append(4));
check("push(5)", @() a.push(5));
check("extend([6, 7])", @() a.extend([6, 7]));
check("a", @() a);
check("len()", @() a.len());
check("pop()", @() a.pop());
check("top()", @() a.top());
check("a", @() a);
local d = [1, 2];
d.extend(d);
check("extend itself", @() d);
check("extend([])", @() d.extend([]));
check("extend(5)", @() d.extend(5));
check("extend()", @() d.extend());
check("append()", @() d.append());
check("append(1, 2)", @() d.append(1, 2));
check("len(1)", @() d.len(1));

// pop/top on empty arrays
check("[].pop()", @() [].pop());
check("[].top()", @() [].top());

// insert(i, v): 0 <= i <= len
local b = [1, 2, 3];
check("insert(0, \"first\")", @() b.insert(0, "first"));
check("insert(2.7, \"x\")", @() b.insert(2.7, "x"));
check("insert(len, \"last\")", @() b.insert(b.len(), "last"));
check("b", @() b);
check("insert(-1, 0)", @() b.insert(-1, 0));
check("insert(99, 0)", @() b.insert(99, 0));
check("insert(\"a\", 1)", @() b.insert("a", 1));
check("insert(1)", @() b.insert(1));

// remove(i): returns the element
check("remove(0)", @() b.remove(0));
check("remove(1.9)", @() b.remove(1.9));
check("b", @() b);
check("remove(-1)", @() b.remove(-1));
check("remove(4)", @() b.remove(4));
check("remove(\"0\")", @() b.remove("0"));

// resize(n[, fill])
local r = [1, 2, 3];
check("resize(1)", @() r.resize(1));
check("r", @() r);
check("resize(3, \"f\")", @() r.resize(3, "f"));
check("resize(4.9)", @() r.resize(4.9));
check("r", @() r);
check("resize(0)", @() r.resize(0));
check("r", @() r);
check("resize(-1)", @() r.resize(-1));
check("resize(\"x\")", @() r.resize("x"));
check("resize()", @() r.resize());
local rf = [];
rf.resize(2, []);
rf[0].append(1);
print("resize fill is shared: " + rf[1].len() + "\n");

// reverse
local v = [1, 2, 3, 4];
check("reverse()", @() v.reverse());
check("v", @() v);
local v3 = [1, 2, 3];
v3.reverse();
check("odd reverse", @() v3);
local v0 = [];
v0.reverse();
check("empty reverse", @() v0);

// slice(start[, end])
local sl = [10, 20, 30, 40, 50];
check("slice(1, 3)", @() sl.slice(1, 3));
check("slice(2)", @() sl.slice(2));
check("slice(-2)", @() sl.slice(-2));
check("slice(1, -1)", @() sl.slice(1, -1));
check("slice(0, 0)", @() sl.slice(0, 0));
check("slice(5)", @() sl.slice(5));
check("slice(1.5, 2.5)", @() sl.slice(1.5, 2.5));
check("slice()", @() sl.slice());
check("slice(-7)", @() sl.slice(-7));
check("slice(-7, 1)", @() sl.slice(-7, 1));
check("slice(6)", @() sl.slice(6));
check("slice(2, 1)", @() sl.slice(2, 1));
check("slice(0, 10)", @() sl.slice(0, 10));
check("slice(\"a\")", @() sl.slice("a"));
check("sl", @() sl);
local copy = sl.slice(0);
copy[0] = 99;
print("slice copies: " + sl[0] + " " + copy[0] + "\n");

// clear
local c = [1, 2, 3];
check("clear()", @() c.clear());
check("c", @() c);
check("clear(1)", @() c.clear(1));

// find(v): IsEqual, identity for objects
local inner = [1];
check("find(30)", @() sl.find(30));
check("find(99)", @() sl.find(99));
check("[\"a\", \"b\"].find(\"b\")", @() ["a", "b"].find("b"));
check("[1, 2.0].find(2)", @() [1, 2.0].find(2));
check("[1, 2].find(2.0)", @() [1, 2].find(2.0));
check("[0, false].find(false)", @() [0, false].find(false));
check("[null, 1].find(null)", @() [null, 1].find(null));
check("[[1]].find([1])", @() [[1]].find([1]));
check("[inner].find(inner)", @() [inner].find(inner));
check("find()", @() sl.find());

// tostring, weakref
print("tostring: " + [].tostring().slice(0, 7) + " " + typeof [1].tostring() + "\n");
local wk = [1, 2];
local w = wk.weakref();
print("weakref: " + typeof w + " " + (w.ref() == wk) + "\n");

// slots holding weak references: element reads see the target,
// top/pop return the stored weakref
local target = { id = "t" };
local wa = [target.weakref(), target.weakref(), target.weakref()];
print("weak slots: " + typeof wa[0] + " " + typeof wa.top() + " " + typeof wa.slice(0, 1)[0] + " " +
  typeof wa.remove(0) + " " + wa.find(target) + " " + typeof wa.pop() + "\n");
