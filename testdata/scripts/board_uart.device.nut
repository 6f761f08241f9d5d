// impvm: --virtual --imp-type imp001 --board board_uart.json --trace-bus --scenario board_uart.scenario.json --duration 4s
// UART parts from a board file: NMEA from a GPS (its track from the
// scenario), a Modbus RTU slave answering function 3 with its CRC, and a
// WS2812 strip decoding the SPI bit stream (seen with --trace-bus).

// GPS at 9600 8N1: log each sentence as it completes.
local gps = hardware.uart12;
local line = "";
gps.configure(9600, 8, PARITY_NONE, 1, NO_CTSRTS, function() {
    local s = gps.readstring();
    foreach (c in s) {
        if (c == '\n') {
            if (line.find("$GPRMC") == 0 || line.find("$GPGGA") == 0) server.log(line);
            line = "";
        } else if (c != '\r') {
            line += c.tochar();
        }
    }
});

// Modbus CRC-16 (polynomial 0xA001 reflected, initial 0xFFFF).
function crc16(b) {
    local crc = 0xFFFF;
    foreach (v in b) {
        crc = crc ^ v;
        for (local i = 0; i < 8; i++) crc = (crc & 1) ? (crc >> 1) ^ 0xA001 : crc >> 1;
    }
    return crc;
}

local mb = hardware.uart57;
mb.configure(19200, 8, PARITY_NONE, 1, NO_CTSRTS, function() {
    local r = mb.readblob();
    local s = "";
    foreach (v in r) s += format("%02X ", v);
    server.log("modbus answer: " + s + (crc16(r) == 0 ? "(CRC ok)" : "(CRC bad)"));
});
// Read holding registers 0x6B..0x6C of unit 17 (0x11), the spec's example.
local req = blob();
foreach (v in [0x11, 0x03, 0x00, 0x6B, 0x00, 0x02]) req.writen(v, 'b');
local c = crc16(req);
req.writen(c & 0xFF, 'b');
req.writen(c >> 8, 'b');
imp.wakeup(0.5, function() { mb.write(req); });
// A request for unit 5 is not for this slave: no answer.
imp.wakeup(1.0, function() { mb.write("\x05\x03\x00\x00\x00\x01\x84\x4E"); });

// WS2812 strip: red, green, blue, one SPI byte per LED bit at 7.5 MHz.
local spi = hardware.spi189;
spi.configure(MSB_FIRST | SIMPLEX_TX | NO_SCLK, 7500);
local frame = blob();
foreach (grb in [[0, 255, 0], [255, 0, 0], [0, 0, 255]]) {
    foreach (v in grb) for (local i = 7; i >= 0; i--) frame.writen((v >> i) & 1 ? 0xF8 : 0xC0, 'b');
}
spi.write(frame);
