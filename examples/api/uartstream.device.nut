// impvm: --virtual
// Streams a 1 KB report out of a UART without blocking the device: the
// transmit FIFO is topped up each time it drains past half full
// (WRITE_HALF_DONE) and the end of the transfer is timed by WRITE_DONE,
// both delivered to a CALLBACK_WITH_FLAGS callback.

const BAUD = 115200;
const CHUNK = 40;

local report = blob(1024);
for (local i = 0; i < report.len(); i++) report[i] = 'A' + i % 26;
report.seek(0);

serial <- hardware.uartXEFGH;
started <- 0;

function onUartEvent(flags) {
    if (flags & WRITE_HALF_DONE && !report.eos()) {
        serial.write(report.readblob(CHUNK));
    }
    if (flags & WRITE_DONE && report.eos()) {
        server.log(format("sent %d bytes in %d ms; flags left: %d", report.len(), hardware.millis() - started, serial.flags()));
    }
}

serial.configure(BAUD, 8, PARITY_NONE, 1, NO_CTSRTS | CALLBACK_WITH_FLAGS, onUartEvent);
started = hardware.millis();
// Fill the FIFO (80 bytes); the callback keeps it fed from then on.
serial.write(report.readblob(2 * CHUNK));
server.log("streaming at " + BAUD + " baud");
