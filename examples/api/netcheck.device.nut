// impvm: --virtual --sim neighbours=2
// A connectivity report as a cellular tracker logs it at boot, so that
// support can see how each unit in the field is connected: its
// interfaces, what the modem reports, the WiFi networks nearby (which a
// location service could use), then a reconnection pinned to the modem.
// It keeps a server.onshutdown handler so that an impOS or code update
// waits for the report to finish.

const REPORT_TIMEOUT = 30;

busy <- true;

server.setsendtimeoutpolicy(RETURN_ON_ERROR, WAIT_TIL_SENT, REPORT_TIMEOUT);

server.onshutdown(function(reason) {
    if (busy) {
        server.log("update " + reason + " postponed until the report is done");
        imp.wakeup(REPORT_TIMEOUT, function() { server.restart(); });
    } else {
        server.restart();
    }
});

function interfaces(info) {
    local names = [];
    foreach (i, iface in info.interface) {
        local name = iface.type + " " + iface.macaddress;
        if ("active" in info && info.active == i) name += " (active)";
        names.append(name);
    }
    return names;
}

function reportNetworks(networks) {
    server.log(networks.len() + " WiFi networks nearby:");
    foreach (n in networks) {
        server.log(format("  %-24s channel %2d  %d dBm%s", n.ssid, n.channel, n.rssi, n.open ? "  open" : ""));
    }
    // Pin the connection to the modem, as the tracker does in the field.
    server.disconnect();
    server.connectwith({ "interface": "cell0" }, function(reason) {
        server.log("connected over cell0: " + (reason == SERVER_CONNECTED));
        busy = false;
    });
}

foreach (name in interfaces(imp.net.info())) server.log("interface " + name);

imp.net.getcellinfo(function(report) {
    local lines = split(report, "\n");
    server.log("modem report: " + lines.len() + " lines, registration " + lines[0]);
    imp.scanwifinetworks(reportNetworks);
});
