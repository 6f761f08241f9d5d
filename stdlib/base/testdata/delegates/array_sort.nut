// array.sort([cmp]): the 3.0.4 in-place heapsort, its compare order and its errors.
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
function join(arr) {
  local s = "";
  foreach (i, e in arr) s += (i ? " " : "") + e;
  return s;
}
// sortWith(arr, cmp): sorts a copy, returns the result or the error text
function sortWith(arr, cmp) {
  local c = clone arr;
  try {
    local r = cmp == null ? c.sort() : c.sort(cmp);
    return show(c) + " returned " + show(r);
  } catch (e) {
    return "error " + e;
  }
}

print("default ints: " + sortWith([5, -1, 3, 3, 0, 9], null) + "\n");
print("default mixed numbers: " + sortWith([3, 1.5, 2, -0.5], null) + "\n");
print("default strings: " + sortWith(["b", "c", "a", "ab"], null) + "\n");
print("empty: " + sortWith([], null) + "\n");
print("single: " + sortWith([1], null) + "\n");
print("descending: " + sortWith([1, 4, 2, 3], @(a, b) b <=> a) + "\n");
local recs = [{ k = 2 }, { k = 1 }, { k = 3 }];
recs.sort(@(a, b) a.k <=> b.k);
print("by field order: " + recs[0].k + recs[1].k + recs[2].k + "\n");

// the pairs the comparator sees, in order
function trace(arr) {
  local pairs = [];
  local c = clone arr;
  c.sort(function(a, b) { pairs.append(a + ":" + b); return a <=> b; });
  return show(c) + " via " + join(pairs);
}
print("trace [3, 1, 2]: " + trace([3, 1, 2]) + "\n");
print("trace [1, 2, 3, 4]: " + trace([1, 2, 3, 4]) + "\n");
print("trace [2, 1]: " + trace([2, 1]) + "\n");
print("trace [1]: " + trace([1]) + "\n");

// comparator environment and results
local seenRoot = null;
[2, 1].sort(function(a, b) { seenRoot = (this == getroottable()); return a <=> b; });
print("comparator this is the root table: " + seenRoot + "\n");
print("float result truncated: " + sortWith([1, 2], @(a, b) -0.5) + "\n");
print("always -1: " + sortWith([1, 2], @(a, b) -1) + "\n");
print("string result: " + sortWith([2, 1], @(a, b) "x") + "\n");
print("bool result: " + sortWith([2, 1], @(a, b) a > b) + "\n");
print("null result: " + sortWith([2, 1], function(a, b) {}) + "\n");
print("throws string: " + sortWith([2, 1], function(a, b) { throw "from comparator"; }) + "\n");
print("throws integer: " + sortWith([2, 1], function(a, b) { throw 5; }) + "\n");
print("throws table: " + sortWith([2, 1], function(a, b) { throw {}; }) + "\n");
print("runtime error inside: " + sortWith([2, 1], function(a, b) { return a.nosuch; }) + "\n");
print("wrong arity: " + sortWith([2, 1], @(a) 0) + "\n");
print("extra argument ignores cmp: " + sortWith([3, 1, 2], null) + " / ");
local ex = [3, 1, 2];
ex.sort(@(a, b) b <=> a, 1);
print(show(ex) + "\n");
try { [1, 2].sort(5); } catch (e) { print("sort(5): " + e + "\n"); }
local rs = [3, 2, 1];
try { rs.sort(function(a, b) { rs.clear(); return 0; }); } catch (e) { print("resized: " + e + "\n"); }

// incomparable elements: the message names the first pair compared
print("[1, 2, \"a\", 3]: " + sortWith([1, 2, "a", 3], null) + "\n");
print("[\"a\", 2]: " + sortWith(["a", 2], null) + "\n");
print("[2, \"a\"]: " + sortWith([2, "a"], null) + "\n");
print("[1, {}]: " + sortWith([1, {}], null) + "\n");
print("[5, 3, 1] throwing on 3: " + sortWith([5, 3, 1], function(a, b) { if (a == 3) throw "cannot compare three"; return a <=> b; }) + "\n");
