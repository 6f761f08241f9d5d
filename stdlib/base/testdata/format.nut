// format(): C printf over 32-bit integers and 32-bit floats (3.0.4 sqstdstring).
function show(...) {
    local a = [this];
    foreach (v in vargv) a.push(v);
    try {
        print("[" + format.acall(a) + "]\n");
    } catch (e) {
        print("error: " + e + "\n");
    }
}
show("%d|%5d|%-5d|%05d|%+d|% d", 42, 42, 42, 42, 42, 42);
show("%d|%i|%05d|%+d", -42, -42, -42, -42);
show("%.3d|%.0d|%5.0d|%08.3d", 7, 0, 0, 5);
show("%d|%d", 2147483647, -2147483647 - 1);
show("%u|%x|%X|%o", -1, -1, -1, -1);
show("%#x|%#X|%#x|%#o|%#o", 255, 255, 0, 8, 0);
show("%#08x|%8x|%-8x|%08X", 255, 255, 255, 48879);
show("%02x%02x%02x", 10, 171, 0);
show("%c%c%c|%3c|%-3c", 72, 105, 33, 65, 66);
show("%c", 321);
show("%d|%d|%x|%c", 3.99, -3.99, 255.9, 65.5);
show("%s|%10s|%-10s|%.2s|%05s", "abc", "abc", "abc", "abc", "ab");
show("%s", "a\0z");
show("%f|%.2f|%8.3f|%e|%g", 1.5, 3.14159, 2.5, 12345.678, 0.0001);
show("%f|%.1f|%f", 3, 3, 16777217);
show("%.10f|%.0f|%.0f|%.0f", 0.1, 0.5, 1.5, 2.5);
show("%+f|% f|%010.2f|%-10.2f", 1, 1, -1.5, 1.5);
show("%5.1f%%", 99.95);
show("%g|%g|%g|%g|%g", 100000.0, 1e6, 1234567.0, 3.14159265, 1e-5);
show("%G|%E|%.3e|%.0e", 1e-5, 1e20, 0.0, 0.25);
show("%#g|%#.0f|%#.0e|%#.2g", 1.0, 2.0, 3.0, 99.5);
show("%f|%f|%E|%8f|%+f", 1e38 * 10, -1e38 * 10, 1e38 * 10, 1e38 * 10, 1e38 * 10);
show("%g", -0.0);
show("%%|%d%%", 50);
show("no args");
show("%d %s", 1, "x", 3);
show("a\0%d");
print(format("%99d", 1).len() + "\n");
print(format("%c", 0).len() + " " + format("%c", 0)[0] + "\n");
local flags20 = "%";
for (local i = 0; i < 20; i++) flags20 += "-";
show(flags20 + "d", 1);
// errors
show("%d");
show("%d %d", 1);
show("%");
show("%s", 1);
show("%s", null);
show("%d", "str");
show("%d", true);
show("%f", "x");
show("%z", 1);
show("%ld", 1);
show("%*d", 1, 2);
show("%", 1);
show("%100d", 1);
show("%.100f", 1.0);
show(flags20 + "-d", 1);
show("ok %d then %q", 1, 2);
try { format(1); } catch (e) { print("error: " + e + "\n"); }
try { format(); } catch (e) { print("error: " + e + "\n"); }
