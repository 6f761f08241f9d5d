// Table default delegate (3.0.4: rawset and clear return null; no keys/values/filter/map).
function show(v) {
  local t = type(v);
  if (t == "null") return "null";
  if (t == "string") return "\"" + v + "\"";
  if (t == "integer" || t == "float" || t == "bool") return v.tostring();
  return t;
}
function check(label, f) {
  try { print(label + ": " + show(f()) + "\n"); }
  catch (e) { print(label + ": error " + e + "\n"); }
}
local t = { a = 1, b = 2 };

check("len()", @() t.len());
check("{}.len()", @() {}.len());
check("rawget(\"a\")", @() t.rawget("a"));
check("rawget(\"zz\")", @() t.rawget("zz"));
check("rawget(null)", @() t.rawget(null));
check("rawin(\"b\")", @() t.rawin("b"));
check("rawin(\"zz\")", @() t.rawin("zz"));
check("rawin(null)", @() t.rawin(null));
check("rawset(\"c\", 3)", @() t.rawset("c", 3));
check("c", @() t.c);
check("rawset overwrites", @() t.rawset("c", 30));
check("c", @() t.c);
check("rawset(1.5, \"f\")", @() t.rawset(1.5, "f"));
check("t[1.5]", @() t[1.5]);
check("rawset(null, 1)", @() t.rawset(null, 1));
check("rawset(\"x\")", @() t.rawset("x"));
check("rawdelete(\"c\")", @() t.rawdelete("c"));
check("rawdelete(\"c\") again", @() t.rawdelete("c"));
check("rawdelete(null)", @() t.rawdelete(null));
check("len()", @() t.len());
local nv = { n = null };
check("null-valued slot rawin", @() nv.rawin("n"));
check("null-valued slot rawget", @() nv.rawget("n"));

// raw access ignores delegates and metamethods
local proto = { p = "from proto", _get = function(k) { return "via _get " + k; } };
local obj = { own = 1 };
obj.setdelegate(proto);
check("obj.p", @() obj.p);
check("obj.missing", @() obj.missing);
check("obj.rawget(\"p\")", @() obj.rawget("p"));
check("obj.rawin(\"p\")", @() obj.rawin("p"));
check("obj.rawdelete(\"p\")", @() obj.rawdelete("p"));
check("proto still has p", @() proto.rawin("p"));
local guarded = {};
guarded.setdelegate({ _set = function(k, v) { throw "no set"; }, _newslot = function(k, v) { throw "no newslot"; } });
check("rawset bypasses _set/_newslot", @() guarded.rawset("k", 1));
check("guarded.k", @() guarded.k);

// clear keeps the delegate
local cl = { x = 1, y = 2 };
cl.setdelegate(proto);
check("clear()", @() cl.clear());
check("cleared len", @() cl.len());
check("delegate kept", @() cl.getdelegate() == proto);
check("clear(1)", @() cl.clear(1));

// setdelegate / getdelegate
local a = {}, b = {}, c = {};
check("getdelegate() none", @() a.getdelegate());
check("setdelegate returns the table", @() a.setdelegate(b) == a);
check("getdelegate()", @() a.getdelegate() == b);
b.setdelegate(c);
check("b.setdelegate(a)", @() b.setdelegate(a));
check("c.setdelegate(a)", @() c.setdelegate(a));
check("a.setdelegate(a)", @() a.setdelegate(a));
check("chain unchanged", @() a.getdelegate() == b && b.getdelegate() == c && c.getdelegate() == null);
check("setdelegate(null)", @() a.setdelegate(null) == a);
check("after null", @() a.getdelegate());
check("now b.setdelegate(a)", @() b.setdelegate(a) == b);
check("setdelegate(5)", @() a.setdelegate(5));
check("setdelegate([])", @() a.setdelegate([]));
check("setdelegate()", @() a.setdelegate());

// tostring and weakref
check("tostring prefix", @() {}.tostring().slice(0, 7));
local named = {};
named.setdelegate({ _tostring = function() { return "named table"; } });
check("tostring with _tostring", @() named.tostring());
local w = t.weakref();
check("weakref", @() typeof w);
check("weakref ref", @() w.ref() == t);
local holder = { arr = [1, 2] };
holder.slot <- holder.arr.weakref();
check("rawget dereferences a weakref slot", @() typeof holder.rawget("slot"));
check("rawdelete returns the target", @() typeof holder.rawdelete("slot"));

// 3.2-only methods are absent
foreach (m in ["keys", "values", "filter", "map"])
  check("t." + m, @() t[m]);
