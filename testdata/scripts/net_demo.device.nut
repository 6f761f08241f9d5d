// impvm: --virtual --no-agent --duration 10m ../../examples/lan/hub.device.nut ../../examples/lan/node.device.nut ../../examples/lan/node.device.nut ../../examples/lan/node.device.nut
// The README's local networking demo: a hub discovers three nodes and
// polls them every minute (see examples/lan).
