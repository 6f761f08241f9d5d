// impvm: --virtual --no-agent --duration 10m --scenario ../../examples/lan/day.scenario.json ../../examples/lan/hub.device.nut ../../examples/lan/node.device.nut ../../examples/lan/node.device.nut ../../examples/lan/node.device.nut
// The LAN demo in a scripted morning: the nodes' HTS221s read the
// scenario's temperature and humidity (a ramp with seeded noise; node-3
// by the vent), so the hub's readings change over the ten minutes.
