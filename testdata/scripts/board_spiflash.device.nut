// impvm: --virtual --imp-type imp004m --on-error restart
// hardware.spiflash as NOR flash: erased bytes read 0xFF, a write only
// clears bits, erasesector sets a 4 KB sector back to 0xFF, writes and
// reads cross page and sector boundaries, and the contents survive a
// Squirrel restart. The imp004m's default chip is the smallest Electric
// Imp allows (1 MB, an MX25L8006E-class ID C2 20 14); impOS keeps 776 KB
// of it and Squirrel's addresses run over the remaining 248 KB.
local f = hardware.spiflash;
function hex(b) { local s = ""; foreach (v in b) s += format("%02X", v); return s; }
function bytes(list) { local b = blob(); foreach (v in list) b.writen(v, 'b'); return b; }

if (hardware.wakereason() != WAKEREASON_SQUIRREL_ERROR) {
    f.enable();
    server.log("size " + f.size() + ", chipid 0x" + format("%06X", f.chipid()));
    f.erasesector(0);
    f.erasesector(4096);
    f.erasesector(8192);
    server.log("erased: " + hex(f.read(4094, 4)));
    server.log("write across the sector boundary: " + f.write(4094, bytes([0xF0, 0x0F, 0x55, 0xAA]), SPIFLASH_POSTVERIFY));
    server.log("read back: " + hex(f.read(4094, 4)));
    server.log("write 0x0F over 0xF0, post-verified: " + f.write(4094, bytes([0x0F]), SPIFLASH_POSTVERIFY) + " -> " + hex(f.read(4094, 1)));
    server.log("pre-verified write that would set bits: " + f.write(4095, bytes([0xFF]), SPIFLASH_PREVERIFY) + " -> " + hex(f.read(4095, 1)));
    server.log("slice 1..3 of a blob: " + f.write(12000, bytes([1, 2, 3, 4]), 0, 1, 3) + " -> " + hex(f.read(12000, 3)));
    local into = blob(2);
    into.seek(2);
    f.readintoblob(4096, into, 2);
    server.log("readintoblob: " + hex(into));
    f.erasesector(4096);
    server.log("after erasing sector 1: " + hex(f.read(4094, 4)));
    try { f.read(f.size() - 1, 2); } catch (e) { server.log("past the end: " + e); }
    f.erasesector(f.size() - 4096);
    server.log("the last byte: " + f.write(f.size() - 1, bytes([0x42]), SPIFLASH_POSTVERIFY) + " -> " + hex(f.read(f.size() - 1, 1)));
    try { f.write(f.size(), bytes([0x42])); } catch (e) { server.log("write at size(): " + e); }
    try { f.erasesector(f.size()); } catch (e) { server.log("erasesector(size()): " + e); }
    try { f.erasesector(100); } catch (e) { server.log("erasesector(100): " + e); }
    f.disable();
    try { f.read(0, 1); } catch (e) { server.log("disabled: " + e); }
    throw "restart";
} else {
    f.enable();
    server.log("after the restart: " + hex(f.read(4094, 2)) + " " + hex(f.read(12000, 3)));
}
