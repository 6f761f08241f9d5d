@include "github:electricimp/JSONEncoder/JSONEncoder.class.nut@v2.0.0"
@include "tests/helpers.nut"
@include __PATH__ + "/../src/Sensor.device.lib.nut"

class SensorTestCase extends ImpTestCase {
    function testRead() {
        this.assertEqual(@{EXPECTED}, Sensor().read());
    }
}
