// Integer bit operations on values kept within 31 bits: CRC-16, popcount,
// shifts, rotations in 24 bits, masks, xor.
local tab = array(256);
for (local n = 0; n < 256; n++) {
  local c = n << 8;
  for (local k = 0; k < 8; k++) c = (c & 0x8000) ? (((c << 1) ^ 0x1021) & 0xFFFF) : ((c << 1) & 0xFFFF);
  tab[n] = c;
}
local crc = 0xFFFF;
local pop = 0, mix = 0;
for (local i = 0; i < 400000; i++) {
  local b = (i * 7 + (i >> 3)) & 0xFF;
  crc = ((crc << 8) & 0xFFFF) ^ tab[((crc >> 8) ^ b) & 0xFF];
  local v = (i ^ (i << 5)) & 0x3FFFFFFF;
  v = v - ((v >> 1) & 0x15555555);
  v = (v & 0x33333333) + ((v >> 2) & 0x33333333);
  v = (v + (v >> 4)) & 0x0F0F0F0F;
  pop += (v & 0xFF) + ((v >> 8) & 0xFF) + ((v >> 16) & 0xFF) + (v >> 24);
  mix = (((mix << 3) | (mix >> 21)) & 0xFFFFFF) ^ (((i & 0xFFFF) * 20011) & 0xFFFFFF) ^ (~i & 0x5A5A5A);
}
print(format("crc %04x pop %d mix %06x\n", crc, pop, mix));
