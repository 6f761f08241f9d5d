// Device-side tests of Thermo: they run on an emulated imp after
// Thermo.device.lib.nut (deviceFile), inside impt's test wrapper.

// A fake sensor whose readings the tests set.
raws <- [0, 32767, 65535];
function fakeRead() {
    local r = raws[0];
    raws.remove(0);
    raws.push(r);
    return r;
}

class ConversionTest extends ImpTestCase {
    function testZeroIsMinus40() {
        local t = Thermo(fakeRead);
        assertEqual(-40.0, t.toCelsius(0));
    }

    function testFullScale() {
        local t = Thermo(fakeRead);
        assertClose(125.0, t.toCelsius(65535), 0.001);
        assertBetween(t.toFahrenheit(t.toCelsius(32767)), 109, 108);
    }

    function testOrdering() {
        local t = Thermo(fakeRead);
        assertGreater(t.toCelsius(2), t.toCelsius(1));
        assertLess(t.toCelsius(1), t.toCelsius(2));
        assertTrue(t.toFahrenheit(100) == 212);
    }

    function testBadArguments() {
        local err = assertThrowsError(function(fn) { return Thermo(fn); }, this, ["not a function"]);
        assertEqual("Thermo: readFn must be a function", err);
        err = assertThrowsError(function(size) { return Thermo(fakeRead, size); }, this, [0]);
        assertEqual("Thermo: size must be at least 1", err);
    }
}

class HistoryTest extends ImpTestCase {
    thermo = null;

    // setUp and tearDown run once, around all of the class's tests.
    function setUp() {
        raws = [0, 32767, 65535];
        thermo = Thermo(fakeRead, 2);
        info("sensor ready");
    }

    function tearDown() {
        thermo = null;
    }

    function testA_Summary() {
        thermo.sample();
        thermo.sample();
        thermo.sample();
        local s = thermo.summary();
        assertDeepEqual({
            count = 2,
            average = s.average,
            history = [thermo.toCelsius(32767), 125.0],
            units = ["C", "F"]
        }, s);
    }

    function testB_Pack() {
        local expected = blob();
        expected.writen(2, 'b');
        expected.writen(4249, 'w');
        expected.writen(12500, 'w');
        assertDeepEqual(expected, thermo.pack());
    }

    function testC_NestedDeepEqual() {
        local pack = thermo.pack();
        assertDeepEqual({ readings = [[1, 2], { a = pack }] }, { readings = [[1, 2], { a = thermo.pack() }] });
    }
}

class AsyncTest extends ImpTestCase {
    // A test that returns a Promise passes when it resolves. The timer
    // runs in virtual time: this takes no real time at all.
    function testReadAfterFiveSeconds() {
        raws = [65535];
        local start = hardware.millis();
        return Thermo(fakeRead).readAsync(5).then(function(c) {
            assertEqual(125.0, c);
            assertTrue(hardware.millis() - start >= 5000, "read too early");
        }.bindenv(this));
    }

    function testSensorFaultRejects() {
        raws = [-1];
        return Promise(function(resolve, reject) {
            Thermo(fakeRead).readAsync(1)
                .then(function(c) { reject("expected a fault, got " + c); })
                .fail(function(reason) {
                    if (reason == "sensor fault") resolve();
                    else reject(reason);
                });
        });
    }
}
