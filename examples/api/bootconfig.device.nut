// impvm: --virtual --duration 3m
// The device takes its settings from the agent instead of hard-coding
// them, and reports back once it runs with them.

settings <- { "interval": 300, "units": "F" };

function reading() {
    local t = 21.5;
    if (settings.units == "F") t = t * 9 / 5 + 32;
    server.log("reading " + t + " " + settings.units);
    imp.wakeup(settings.interval, reading);
}

agent.on("settings", function(s) {
    settings = s;
    agent.send("ready", settings);
    reading();
});
