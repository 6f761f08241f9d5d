// impvm: --virtual
// Every imp.net state constant with its impOS value, and the send codes
// udpsocket.send returns.
foreach (name in ["UNKNOWN", "STARTING", "CONNECTED",
    "WIFI_SCANNING", "WIFI_JOINING", "WIFI_WPSING", "WIFI_LINK_UP", "WIFI_DHCPING",
    "WIFI_STOPPED", "WIFI_STOPPED_UNHAPPY",
    "ETHERNET_LINK_UP", "ETHERNET_DHCPING", "ETHERNET_STOPPED", "ETHERNET_STOPPED_UNHAPPY",
    "ETHERNET_STOPPED_NO_LINK",
    "CELLULAR_PINGING", "CELLULAR_WAITING_FOR_SIM", "CELLULAR_PPP_CONNECTING",
    "CELLULAR_REGISTERING", "CELLULAR_REGISTRATION_DENIED", "CELLULAR_STOPPED",
    "CELLULAR_STOPPED_UNHAPPY"]) {
  server.log(format("imp.net.%s = %d", name, imp.net[name]));
}
server.log("SEND_ERROR_NOT_CONNECTED = " + SEND_ERROR_NOT_CONNECTED);
server.log("SEND_ERROR_WOULDBLOCK = " + SEND_ERROR_WOULDBLOCK);
server.log("typeof imp.net = " + typeof imp.net);
