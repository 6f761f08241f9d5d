// A recursive encoder: typeof dispatch, table and array walks, string
// building (a JSON-like serializer). Tables are walked in iteration
// order, so the output is summarised order-independently.
function encode(v) {
  switch (typeof v) {
    case "integer": return v.tostring();
    case "float": return format("%.2f", v);
    case "bool": return v ? "true" : "false";
    case "null": return "null";
    case "string": return "\"" + v + "\"";
    case "array": {
      local s = "[";
      foreach (i, x in v) { if (i) s += ","; s += encode(x); }
      return s + "]";
    }
    case "table": {
      local s = "{", first = true;
      foreach (k, x in v) {
        if (!first) s += ",";
        first = false;
        s += "\"" + k + "\":" + encode(x);
      }
      return s + "}";
    }
  }
  return "?";
}

function record(i) {
  return {
    id = i,
    name = "sensor" + (i % 17),
    ok = (i % 3) != 0,
    temp = (i % 50) * 0.5,
    tags = ["a", "b", i % 7],
    pos = { x = i % 10, y = i % 13, fix = null }
  };
}

local len = 0, sum = 0;
for (local i = 0; i < 6000; i++) {
  local s = encode(record(i));
  len += s.len();
  foreach (c in s) sum = (sum + c) % 1000003;
}
print("length " + len + " checksum " + sum + "\n");
