// JSON encode and decode of sensor records, written in Squirrel as imp
// libraries do: string building, character scanning, tables and arrays.
function jsonEncode(v) {
  switch (typeof v) {
    case "table": {
      local keys = [];
      foreach (k, x in v) keys.append(k);
      keys.sort();
      local parts = [];
      foreach (k in keys) parts.append("\"" + k + "\":" + jsonEncode(v[k]));
      return "{" + parts.reduce(@(a, b) a + "," + b) + "}";
    }
    case "array": {
      local s = "[";
      foreach (i, x in v) { if (i) s += ","; s += jsonEncode(x); }
      return s + "]";
    }
    case "string": return "\"" + v + "\"";
    case "integer": return v.tostring();
    case "float": return format("%.2f", v);
    case "bool": return v ? "true" : "false";
  }
  return "null";
}

class Decoder {
  s = null; i = 0;
  constructor(str) { s = str; i = 0; }
  function value() {
    local c = s[i];
    if (c == '{') return object();
    if (c == '[') return list();
    if (c == '"') return str();
    if (c == 't') { i += 4; return true; }
    if (c == 'f') { i += 5; return false; }
    if (c == 'n') { i += 4; return null; }
    return number();
  }
  function object() {
    local t = {};
    i++;
    if (s[i] == '}') { i++; return t; }
    while (true) {
      local k = str();
      i++; // ':'
      t[k] <- value();
      if (s[i++] == '}') return t;
    }
  }
  function list() {
    local a = [];
    i++;
    if (s[i] == ']') { i++; return a; }
    while (true) {
      a.append(value());
      if (s[i++] == ']') return a;
    }
  }
  function str() {
    local start = ++i;
    while (s[i] != '"') i++;
    return s.slice(start, i++);
  }
  function number() {
    local start = i, isFloat = false;
    while (i < s.len()) {
      local c = s[i];
      if (c == '.') isFloat = true;
      else if (c != '-' && (c < '0' || c > '9')) break;
      i++;
    }
    local t = s.slice(start, i);
    return isFloat ? t.tofloat() : t.tointeger();
  }
}

local total = 0, len = 0;
for (local n = 0; n < 3000; n++) {
  local rec = {
    id = n, device = "node" + (n % 40), battery = (n % 100) * 0.25,
    ok = n % 4 != 0, readings = [n % 11, n % 13, n % 17, -(n % 5)],
    loc = { room = "r" + (n % 9), floor = n % 3 }
  };
  local s = jsonEncode(rec);
  len += s.len();
  local back = Decoder(s).value();
  total += back.id + back.readings[1] + back.loc.floor + (back.ok ? 1 : 0) + (back.battery * 4).tointeger();
  if (jsonEncode(back) != s) print("round trip differs: " + s + "\n");
}
print("length " + len + " total " + total + "\n");
