// Every assertion failing with its default message (and one custom one).
class AssertFailures extends ImpTestCase {
    function testTrue() { assertTrue(1 == 2); }
    function testTrueCustom() { assertTrue(false, "custom message"); }
    function testEqual() { assertEqual(1, Counter().inc() + 1); }
    function testEqualNull() { assertEqual(null, "x"); }
    function testGreater() { assertGreater(2, 2); }
    function testLess() { assertLess(3, 2); }
    function testClose() { assertClose(9, 10, 0.5); }
    function testBetween() { assertBetween(10, 12, 11); }
    function testThrows() {
        assertThrowsError(function() { return 1; }, this);
    }
    function testPasses() { assertEqual(2, Counter().inc() + 1); }
}

class DeepEqualFailures extends ImpTestCase {
    function testMissingSlot() {
        assertDeepEqual({ a = 1, b = { c = 3 } }, { a = 1, b = {} });
    }
    function testExtraSlot() {
        assertDeepEqual({ a = 1, b = { c = 3 } }, { a = 1, b = { c = 3, d = 4 } });
    }
    function testDifferentValue() {
        assertDeepEqual({ a = 1, b = { c = 3 } }, { a = 1, b = { c = 100 } });
    }
    function testArrayElement() {
        assertDeepEqual([1, [2, 3]], [1, [2, 4]]);
    }
    function testArrayLonger() {
        assertDeepEqual([1, 2], [1, 2, 3]);
    }
    function testTypes() {
        assertDeepEqual({ a = 1 }, { a = 1.0 });
    }
    function testBlobLength() {
        assertDeepEqual(blob(2), blob(3));
    }
    function testBlobContents() {
        local b = blob(2);
        b[1] = 7;
        assertDeepEqual(blob(2), b);
    }
    function testCycle() {
        local a = {}, b = {};
        a.self <- a;
        b.self <- b;
        assertDeepEqual(a, b);
    }
}

class SensorError {
    reason = null;
    constructor(r) { reason = r; }
    function _tostring() { return "SensorError: " + reason; }
}

// A failure is whatever was thrown, as a string.
class ThrownValues extends ImpTestCase {
    function testRuntimeError() {
        local t = {};
        return t.missing;
    }
    function testThrowInteger() { throw 42; }
    function testThrowInstance() { throw SensorError("overheat"); }
}
