// Lesson 11: blobs.
//   impvm run examples/learn/11_blobs.nut
//
// A blob is a block of bytes with a read/write pointer: what sensors,
// serial ports and networks deal in.

local b = blob();
b.writen(0x1234, 'w');       // a 16-bit word, little-endian
b.writen(-1, 'b');           // a byte
b.writestring("imp");
b.writen(3.5, 'f');          // a 32-bit float
print("length " + b.len() + ", pointer at " + b.tell() + "\n");

// Read back from the start.
b.seek(0);
print(format("word 0x%04x, byte %d, ", b.readn('w'), b.readn('c')));
print("string " + b.readstring(3) + ", float " + b.readn('f') + "\n");

// Bytes one by one, as integers 0-255.
foreach (i, byte in b) {
  if (i >= 4) break;
  print(format("b[%d] = 0x%02x\n", i, byte));
}

// swap2 reverses the byte order of 16-bit words (big-endian data).
local be = blob(2);
be[0] = 0x12; be[1] = 0x34;
be.swap2();
print(format("after swap2: 0x%02x 0x%02x\n", be[0], be[1]));

// A string can be turned into a blob and back.
local text = blob();
text.writestring("hello");
print("as string: " + text.tostring() + ", as hex: ");
foreach (byte in text) print(format("%02x", byte));
print("\n");
