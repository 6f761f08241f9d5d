// An error outside any test's reach (in a timer callback) ends the
// session: the running test fails with the uncaught error, and the
// device's log shows where it happened.
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

    function testC_NeverRuns() {
    }
}
