// UDP echo server: the impOS local networking guide's example, with its
// bugs fixed. Every datagram addressed to this imp (unicast or
// broadcast) on port 1234 is sent back to where it came from.
//
//   impvm run --virtual examples/lan/echo.device.nut client.device.nut
//   impvm run --net udp --iface eth0 examples/lan/echo.device.nut
//
// Fixed: the reply was sent with `local udpsocket.send(...)` (a syntax
// error) and its result was never assigned; the addresses were read from
// imp.net.info() before the interface had connected (read them from the
// interface's own IP table once it has); only Ethernet stops were handled;
// the guide's text and code disagreed on the port.

const ECHO_PORT = 1234;

local udpsocket = null;
local netif = null;
local ucastIP = null;
local bcastIP = null;

function dataReceived(fromAddress, fromPort, toAddress, toPort, data) {
    // Answer only datagrams meant for us: our address or a broadcast
    if (toAddress == ucastIP || toAddress == bcastIP || toAddress == "255.255.255.255") {
        server.log("Received " + data.len() + " bytes from " + format("%s:%d", fromAddress, fromPort));
        local result = udpsocket.send(fromAddress, fromPort, data);
        if (result != 0) server.error("Could not send the data (code: " + result + ")");
    }
}

function stopped(state) {
    return (state >= imp.net.WIFI_STOPPED && state <= imp.net.WIFI_STOPPED_UNHAPPY) ||
           (state >= imp.net.ETHERNET_STOPPED && state <= imp.net.ETHERNET_STOPPED_NO_LINK);
}

function interfaceHandler(state) {
    if (state == imp.net.CONNECTED && udpsocket == null) {
        local ip = netif.getiptable().ipv4;
        ucastIP = ip.address;
        bcastIP = ip.broadcast;
        udpsocket = netif.openudp(dataReceived, ECHO_PORT);
        server.log("Echo server listening on " + ucastIP + ":" + ECHO_PORT);
    } else if (stopped(state) && udpsocket != null) {
        server.error("Network interface stopped (state " + state + ") - closing UDP");
        udpsocket.close();
        udpsocket = null;
    }
}

// Ethernet on an imp005, WiFi on every other imp
netif = imp.net.open({ interface = imp.info().type == "imp005" ? "eth0" : "wl0" }, interfaceHandler);
