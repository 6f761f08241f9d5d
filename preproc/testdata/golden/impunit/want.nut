class JSONEncoder {}
function approx(a, b) { return math.fabs(a - b) < 0.001; }
class MessageManager {}
class Sensor {
    function read() { return 42; }
}

class SensorTestCase extends ImpTestCase {
    function testRead() {
        this.assertEqual(42, Sensor().read());
    }
}
