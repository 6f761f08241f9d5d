// impvm: --virtual --no-agent --duration 10m --loss 0.2 --seed 7 ../../examples/lan/hub.device.nut ../../examples/lan/node.device.nut ../../examples/lan/node.device.nut ../../examples/lan/node.device.nut
// The demo on a lossy LAN: a lost reading makes the hub repeat a request
// and the node logs "Bad Sequence Number".
