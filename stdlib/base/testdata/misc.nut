// castf2i, casti2f, swap2, swap4, swapfloat.
function err(f) {
    try { f(); print("no error\n"); } catch (e) { print("error: " + e + "\n"); }
}
print(castf2i(1.0) + " " + format("%08x", castf2i(-2.5)) + " " + castf2i(1) + "\n");
print(casti2f(0x3f800000) + " " + casti2f(0x40490fdb) + " " + typeof casti2f(0) + "\n");
print(castf2i(casti2f(-1)) + "\n");
print(format("%04x %04x %04x %d", swap2(0x1234), swap2(0xff), swap2(0x12345678), swap2(-1)) + "\n");
print(format("%08x %08x", swap4(0x12345678), swap4(0x80)) + " " + swap4(0x80) + "\n");
print(castf2i(swapfloat(1.0)) + " " + swapfloat(swapfloat(2.5)) + "\n");
err(function() { castf2i("x"); });
err(function() { swap2(); });
err(function() { swap4(1, 2); });
