// blob: little-endian numbers, read/write pointer, indexing, strings, errors.
function err(f) {
    try { f(); print("no error\n"); } catch (e) { print("error: " + e + "\n"); }
}
local b = blob(4);
print(typeof b + " " + b.len() + " " + b.tell() + " " + (b.eos() == null) + "\n");
b.writen(0x01020304, 'i');
print(b.len() + " " + b.tell() + " " + b.eos() + "\n");
print(b[0] + " " + b[1] + " " + b[2] + " " + b[3] + "\n");
b.seek(0);
print(format("%08x", b.readn('i')) + "\n");

// every type code
local codes = ['c', 'b', 's', 'w', 'i', 'f', 'd'];
local vals = [-2, 200, -2, 65535, -2, 1.5, 0.1];
local w = blob();
foreach (i, c in codes) w.writen(vals[i], c);
print(w.len() + "\n");
w.seek(0);
local s = "";
foreach (c in codes) s += w.readn(c) + ";";
print(s + "\n");

// conversions on write
local x = blob();
x.writen(300, 'b'); x.writen(-1, 'b'); x.writen(200, 'c'); x.writen(70000, 'w'); x.writen(3.9, 'i'); x.writen(3, 'f');
x.seek(0);
print(x.readn('b') + " " + x.readn('b') + " " + x.readn('c') + " " + x.readn('w') + " " + x.readn('i') + " " + x.readn('f') + "\n");
local z = blob();
z.writen("str", 'i'); z.writen(null, 'w');
print(z.len() + " " + z[0] + z[1] + z[2] + z[3] + z[4] + z[5] + "\n");
local f = blob();
f.writen(1.5, 'f');
print(format("%02x %02x %02x %02x", f[0], f[1], f[2], f[3]) + "\n");
local d = blob();
d.writen(1.5, 'd');
print(d.len() + " " + d[6] + " " + d[7] + "\n");

// seek
local q = blob();
q.writestring("abcdef");
print(q.seek(2) + " " + q.tell() + "\n");
print(q.seek(-1, 'c') + " " + q.tell() + "\n");
print(q.seek(-2, 'e') + " " + q.tell() + "\n");
print(q.seek(10) + " " + q.seek(-1) + " " + q.seek(1, 'e') + " " + q.tell() + "\n");
err(function() { q.seek(0, 'x'); });

// readstring, readblob
q.seek(0);
print(q.readstring(2) + " " + q.tell() + "\n");
local part = q.readblob(3);
print(typeof part + " " + part.len() + " " + part.tostring() + " " + part.tell() + " " + q.tell() + "\n");
print(q.readstring(100) + " " + q.eos() + "\n");
err(function() { q.readstring(1); });
err(function() { q.readblob(1); });
print("[" + q.readstring(0) + "]\n");
local short = blob(2);
err(function() { short.readn('i'); });
print(short.tell() + "\n");
err(function() { short.readn('q'); });
err(function() { short.writen(1, 'q'); });

// writeblob, overwrite in the middle
local g = blob();
g.writestring("hello");
print(g.writeblob(g) + " " + g.tostring() + "\n");
g.seek(1);
g.writestring("EY");
print(g.tostring() + " " + g.tell() + " " + g.len() + "\n");
err(function() { g.writeblob("x"); });

// resize keeps len() when growing
local rz = blob();
rz.writestring("abcd");
rz.resize(2);
print(rz.len() + " " + rz.tell() + " " + rz.tostring() + "\n");
rz.resize(10);
print(rz.len() + "\n");
rz.writestring("xy");
print(rz.tostring() + "\n");
err(function() { rz.resize(-1); });

// byte swaps over the whole blob
local sw = blob();
sw.writestring("\x01\x02\x03\x04\x05");
sw.swap2();
print(sw[0] + " " + sw[1] + " " + sw[2] + " " + sw[3] + " " + sw[4] + "\n");
sw.swap2();
sw.swap4();
print(sw[0] + " " + sw[1] + " " + sw[2] + " " + sw[3] + " " + sw[4] + "\n");

// indexing
local ix = blob(2);
ix[0] = 300;
ix[1] = -1;
print(ix[0] + " " + ix[1] + "\n");
err(function() { return ix[2]; });
err(function() { ix[-1] = 0; });
err(function() { ix[0] = "s"; });
err(function() { return ix.nosuch; });

// foreach, conversion to string, clone
local it = blob();
it.writestring("AZ");
foreach (i, v in it) print(i + "=" + v + " ");
print("\n");
local n = 0;
foreach (v in blob()) n++;
print(n + "\n");
print("got: " + it + " " + it.tostring() + "\n");
local c1 = blob();
c1.writestring("ab");
local c2 = clone c1;
c2[0] = 'X';
print(c1.tostring() + " " + c2.tostring() + " " + c2.tell() + " " + c1.tell() + "\n");

// constructor
err(function() { blob(-1); });
err(function() { blob("x"); });
print(blob(2.9).len() + " " + blob().flush() + "\n");
