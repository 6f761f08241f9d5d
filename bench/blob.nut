// Blob packing: sensor samples written as 16- and 32-bit fields, read
// back, with seek and tell.
local sum = 0;
for (local r = 0; r < 300; r++) {
  local b = blob(0);
  for (local i = 0; i < 200; i++) {
    b.writen(i & 0xff, 'b');
    b.writen((i * 37) & 0xffff, 'w');
    b.writen(i * 1000 + r, 'i');
  }
  b.seek(0);
  while (!b.eos()) {
    local t = b.readn('b');
    local v = b.readn('w');
    local x = b.readn('i');
    sum = (sum + t + v + (x & 0xfff)) % 1000003;
  }
  sum = (sum + b.tell() + b.len()) % 1000003;
}
print("checksum " + sum + "\n");
