#require "MessageManager.lib.nut:2.4.0"
class Sensor {
    function read() { return 42; }
}
