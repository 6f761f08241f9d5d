// The math table (imp: math.*, not globals). Float results are float32.
function err(f) {
    try { f(); print("no error\n"); } catch (e) { print("error: " + e + "\n"); }
}
// rand() is reproducible: glibc's generator with its default seed; srand does nothing.
print(math.rand() + " " + math.rand() + "\n");
print((math.srand(5) == null) + " " + math.rand() + "\n");
local ok = true;
for (local i = 0; i < 1000; i++) {
    local v = math.rand();
    if (typeof v != "integer" || v < 0 || v > math.RAND_MAX) ok = false;
}
print(ok + " " + (1.0 * math.rand() / math.RAND_MAX <= 1.0) + "\n");
print(typeof math + " " + math.RAND_MAX + " " + RAND_MAX + " " + math.PI + " " + typeof math.PI + "\n");
print(math.abs(-5) + " " + math.abs(-2.7) + " " + typeof math.abs(-2.7) + " " + math.abs(-2147483647 - 1) + "\n");
print(math.fabs(-2) + " " + typeof math.fabs(-2) + " " + math.fabs(-0.5) + "\n");
print(math.floor(2.7) + " " + math.ceil(-2.5) + " " + typeof math.floor(2.7) + " " + math.floor(-0.5) + "\n");
print(math.sqrt(16) + " " + math.sqrt(2) + " " + math.pow(2, 10) + " " + math.pow(2, 0.5) + "\n");
print(math.atan2(1, 1) * 4 + " " + math.atan2(0, -1) + "\n");
print(math.sin(0) + " " + math.cos(0) + " " + math.tan(0) + "\n");
print(math.asin(1) + " " + math.acos(1) + " " + math.atan(1) + "\n");
print(math.exp(0) + " " + math.exp(1) + " " + math.log(1) + " " + math.log10(1000) + "\n");
print(math.log(0) + " " + math.exp(100) + "\n");
print(("sin" in getroottable()) + " " + ("PI" in getroottable()) + " " + ("math" in getroottable()) + "\n");
err(function() { math.sqrt("x"); });
err(function() { math.sqrt(); });
err(function() { math.pow(1); });
err(function() { math.rand(1); });
err(function() { sin(0); });
