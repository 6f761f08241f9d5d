// split (3.0.4 strtok semantics: empty pieces dropped), strip, lstrip, rstrip.
function show(a) {
    local s = a.len() + ":";
    foreach (x in a) s += "[" + x + "]";
    print(s + "\n");
}
function err(f) {
    try { f(); print("no error\n"); } catch (e) { print("error: " + e + "\n"); }
}
show(split("a,b,c", ","));
show(split("k1=v1;k2=v2", ";="));
show(split("nosep", ","));
show(split("x y z ", " "));
show(split("a,,b,", ","));
show(split("a//b/c", "/"));
show(split(",lead", ","));
show(split("", ","));
show(split(",,,", ","));
show(split("a\0z,c", ","));
show(split("  two \t words ", " \t"));
err(function() { split("abc", ""); });
err(function() { split("abc"); });
err(function() { split("abc", 1); });
err(function() { split(1, ","); });
print("[" + strip("  padded \t\n") + "][" + lstrip("  left  ") + "][" + rstrip("  right  ") + "]\n");
print("[" + strip("   ") + "][" + lstrip("   ") + "][" + rstrip("   ") + "][" + strip("") + "]\n");
print("[" + strip("\t\r\nx y\v\f") + "][" + strip("clean") + "]\n");
print(lstrip(" a\0z ").len() + " " + strip(" a\0z ").len() + " " + rstrip("a \0 ").len() + "\n");
err(function() { strip(1); });
err(function() { lstrip(); });
