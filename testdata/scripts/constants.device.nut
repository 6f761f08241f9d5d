// impvm: --virtual
// Every integer constant of the device's root table, by name: the imp
// API's documented values (wake reasons, send and connection codes,
// uart.flags() events, shutdown reasons) and impvm's own for the
// constants the imp documents by name only.
local names = [];
foreach (name, value in getroottable()) {
  if (typeof value == "integer") names.append(name);
}
names.sort();
foreach (name in names) server.log(name + " = " + getroottable()[name]);
