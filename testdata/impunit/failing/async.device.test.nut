// Asynchronous failures: a rejection, and a timeout in virtual time
// ("timeout": 5 in .imptest) that takes no real time.
class AsyncFailures extends ImpTestCase {
    counter = null;

    function setUp() {
        counter = Counter();
        return counter.incLater(1);
    }

    function testRejected() {
        return Promise.reject("no reading");
    }

    function testTimesOut() {
        return counter.incLater(60);
    }

    // A synchronous test that blocks past the timeout fails, as impUnit
    // times it.
    function testBlocksTooLong() {
        imp.sleep(6);
    }

    // impt's external command: not run without --run-commands.
    function testRunsACommand() {
        runCommand("make fixtures");
    }

    function testResolvesInTime() {
        return counter.incLater(4.9).then(function(n) {
            info("counter at " + n + " after " + hardware.millis() + " ms");
        }.bindenv(this));
    }

    function tearDown() {
        throw "tearDown failed";
    }
}
