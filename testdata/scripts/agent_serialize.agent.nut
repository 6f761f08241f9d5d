function show(v) {
  switch (typeof v) {
  case "blob":
    local s = "blob(";
    foreach (i, x in v) s += (i ? " " : "") + x;
    return s + ")";
  case "string": return "\"" + v + "\"";
  case "array":
    local parts = [];
    foreach (x in v) parts.append(show(x));
    return "[" + parts.reduce(@(a, b) a + ", " + b) + "]";
  case "table":
    local s = "{";
    foreach (k, x in v) s += " " + k + " = " + show(x);
    return s + " }";
  }
  return typeof v + " " + v;
}
device.on("value", function(v) {
  if (typeof v == "blob" && v.len() > 1000) server.log("got a blob of " + v.len() + " bytes");
  else server.log(show(v));
});
imp.wakeup(1, function() {
  try { device.send("back", [1, function() {}]); } catch (e) { server.log("device.send refused: " + e); }
  device.send("back", [1, "two", "\xfe\xff", {k = "v"}]);
});
