// impvm: --virtual
// A method of an imp object bound to that object (Electric Imp's Modbus
// library does _uart.write.bindenv(_uart)) is a method of it again; a
// number is still refused with Squirrel's own error.
local uart = hardware.uart12;
uart.configure(9600, 8, PARITY_NONE, 1, NO_CTSRTS);
local w = uart.write.bindenv(uart);
w("hi");
server.log("bound write ok");
try { local f = function() {}.bindenv(5); } catch (e) { server.log(e); }
