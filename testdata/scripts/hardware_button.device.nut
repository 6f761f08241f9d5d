// impvm: --virtual --duration 1m --pin 10s:pinB=0 --pin 10.5s:pinB=1 --pin 20s:pinB=1 --pin 30s:pinZZ=1
// A button on pinB (pulled up, pressed = 0) driven from the command line:
// the state-change callback runs when the level changes, not when it is
// set to the level it already has; a pin the imp lacks is reported.
local button = hardware.pinB;
button.configure(DIGITAL_IN_PULLUP, function() {
  server.log("button " + (button.read() == 0 ? "pressed" : "released"));
});
server.log("idle level " + button.read());
imp.wakeup(45, function() { server.log("still running"); });
