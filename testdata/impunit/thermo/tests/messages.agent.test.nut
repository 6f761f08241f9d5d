// Agent-side tests talking to their partner device code
// (messages.device.nut): messages between agent and device take 10 ms of
// virtual time each way.
class MessagesTest extends ImpTestCase {
    function testDeviceAnswers() {
        return Promise(function(resolve, reject) {
            device.on("summary", function(summary) {
                try {
                    assertEqual(3, summary.count);
                    assertDeepEqual(["C", "F"], summary.units);
                    assertClose(42.5, summary.average, 0.01);
                    resolve();
                } catch (e) {
                    reject(e);
                }
            }.bindenv(this));
            device.send("read", 3);
        }.bindenv(this));
    }
}
