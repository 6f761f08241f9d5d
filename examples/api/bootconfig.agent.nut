// The agent sends the device its settings as soon as the agent starts:
// the device is online, so the message reaches the code it is booting.

settings <- { "interval": 60, "units": "C" };

device.on("ready", function(settings) {
    server.log("device runs with interval " + settings.interval + " s, units " + settings.units);
});

device.send("settings", settings);
