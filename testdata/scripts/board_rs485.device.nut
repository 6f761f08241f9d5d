// impvm: --virtual --board board_rs485.json --duration 3s
// A Modbus RTU master on RS-485, written register by register: the
// slave hears a request only while the imp drives the transceiver's DE
// pin high for the whole request (uart.flush waits until the last
// character has left), and only when the UART's framing is the slave's
// (38400 baud, 8 data bits, odd parity).

function crc16(b) {
    local crc = 0xFFFF;
    foreach (v in b) {
        crc = crc ^ v;
        for (local i = 0; i < 8; i++) crc = (crc & 1) ? (crc >> 1) ^ 0xA001 : crc >> 1;
    }
    return crc;
}

// Read holding registers 1..3 of unit 1.
local req = blob();
foreach (v in [0x01, 0x03, 0x00, 0x01, 0x00, 0x03]) req.writen(v, 'b');
local c = crc16(req);
req.writen(c & 0xFF, 'b');
req.writen(c >> 8, 'b');

local uart = hardware.uart2;
local de = hardware.pinL;
de.configure(DIGITAL_OUT, 0);
local answers = 0;

function framing(parity) {
    uart.configure(38400, 8, parity, 1, NO_CTSRTS, function() {
        local r = uart.readblob();
        answers++;
        local s = "";
        foreach (v in r) s += format("%02X ", v);
        server.log("answer: " + s + (crc16(r) == 0 ? "(CRC ok)" : "(CRC bad)"));
        if (r.len() == 11) server.log(format("registers 1-3: %d %d %d", r[3] << 8 | r[4], r[5] << 8 | r[6], r[7] << 8 | r[8]));
    });
}

// ask sends the request; withDE drives DE around it, flush waits for the
// wire before DE drops.
function ask(label, withDE, flush) {
    local before = answers;
    if (withDE) de.write(1);
    local t0 = hardware.micros();
    uart.write(req);
    if (flush) uart.flush();
    server.log(format("%s: write%s took %d us", label, flush ? " + flush" : "", hardware.micros() - t0));
    if (withDE) de.write(0);
    imp.wakeup(0.2, function() { if (answers == before) server.log(label + ": no answer"); });
}

framing(PARITY_ODD);
imp.wakeup(0.1, function() { ask("DE low", false, true); });
imp.wakeup(0.5, function() { ask("DE high, flushed", true, true); });
imp.wakeup(1.0, function() { ask("DE dropped before the wire was done", true, false); });
imp.wakeup(1.5, function() { framing(PARITY_EVEN); ask("even parity", true, true); });
imp.wakeup(2.0, function() { framing(PARITY_ODD); ask("odd parity again", true, true); });
