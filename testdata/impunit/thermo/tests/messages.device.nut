// The partner of messages.agent.test.nut: this runs on the device (after
// Thermo.device.lib.nut) while the agent runs the tests.
local thermo = Thermo(function() { return 32767; });

agent.on("read", function(n) {
    for (local i = 0; i < n; i++) thermo.sample();
    agent.send("summary", thermo.summary());
});
