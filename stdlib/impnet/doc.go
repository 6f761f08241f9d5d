// Package impnet is impOS's local networking as Squirrel sees it: the
// imp.net object (open, info, setserverinterfaces, getserverinterfaces
// and the state constants), interface objects (getstate, getiptable,
// openudp) and udpsocket objects (send, onreceive, close). The rules and
// the wire live in package lan; this package turns Squirrel values into
// lan calls and lan results into Squirrel values and events.
//
// Where each member lives:
//
//	impnet.go  Open, the state constants (UNKNOWN … CELLULAR_*) and
//	           imp.net's spec list
//	tables.go  imp.net.info, get/setserverinterfaces: what the device
//	           reports of its interfaces
//	iface.go   imp.net.open and interface objects: getstate, getiptable,
//	           openudp
//	socket.go  udpsocket objects: send, onreceive, close
//	cellinfo.go imp.net.getcellinfo (imps with a cellular modem)
//
// Decisions where the imp documentation is silent:
//
//   - Interfaces per imp type, and their order (imp.net.info()'s list,
//     getserverinterfaces()' default), are imptype's: imp005 eth0 and
//     wl0, imp006 and impC001 wl0 and cell0, the others wl0 (the
//     setserverinterfaces page: Ethernet, WiFi, then cellular). "wifi", "ethernet"
//     and "cell" name the first of their type. Every WiFi and Ethernet
//     interface of a device reaches the one LAN port the host gives it
//     (one address, one set of ports, one rate limiter).
//   - imp.net.open returns at once with getstate() = STARTING and reports
//     every state through the callback, asynchronously, on the device
//     clock: WiFi STARTING, WIFI_SCANNING (+20 ms), WIFI_JOINING (+400 ms),
//     WIFI_LINK_UP (+150 ms), WIFI_DHCPING (+10 ms), CONNECTED (+120 ms);
//     Ethernet STARTING, ETHERNET_LINK_UP (+100 ms), ETHERNET_DHCPING
//     (+10 ms), CONNECTED (+150 ms); cellular STARTING, CELLULAR_PINGING,
//     CELLULAR_REGISTERING, CELLULAR_PPP_CONNECTING, CONNECTED (3.6 s).
//     Opening an interface that is already open in this Squirrel run
//     shares its state: a new callback hears the states still to come,
//     or CONNECTED at once when it is up.
//   - With no link, WiFi stops at WIFI_STOPPED and Ethernet at
//     ETHERNET_STOPPED_NO_LINK; when the link returns the sequence
//     starts again from STARTING. A link lost while connected reports
//     the same stopped states.
//   - imp.net.setserverinterfaces(list) with a non-empty list disables,
//     for imp.net.open, every interface it leaves out (the local
//     networking guide says a disabled interface makes open throw); an
//     empty list enables them all. The setting lasts for the Squirrel run.
//   - openudp works in any state; send() returns SEND_ERROR_NOT_CONNECTED
//     until the interface is CONNECTED and while its link is down.
//   - getiptable().ipv4 is empty until the interface is CONNECTED (DHCP
//     has not finished), then holds address, netmask, broadcast,
//     gateway, dhcpserver and dnsserver (an array); absent fields are
//     omitted. imp.net.info().ipv4 describes the server connection's
//     interface and is present, with active, while the device is
//     connected to the server.
//   - A udpsocket with a receive callback, bound to a port, keeps the
//     device alive (it may bring events); close() or onreceive(null)
//     lets it finish. Sockets and interfaces are closed when the
//     Squirrel run ends; they are not closed by garbage collection.
//   - Received datagrams run as device events; a device blocked in
//     imp.sleep gets them when it wakes.
package impnet
