local led = hardware.pin1;
local led.configure(DIGITAL_OUT);
