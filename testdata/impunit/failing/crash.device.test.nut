// An error outside any test's reach (in a timer callback) fails the
// running test with the uncaught error and where it was raised (the
// device's log shows the stack), and the next test runs, as in impUnit.
class Crash extends ImpTestCase {
    function testA_Fine() {
        assertTrue(true);
    }

    function testB_TimerThrows() {
        return Promise(function(resolve, reject) {
            imp.wakeup(1, function() {
                server.log("about to fail");
                local reading = null;
                resolve(reading.value);
            });
        });
    }

    function testC_RunsAfterTheCrash() {
    }
}
