// Agent-side failures: the file name has "agent" as a word, so this runs
// on the agent (agentFile is false in .imptest: no library there).
class AgentFailures extends ImpTestCase {
    function testBadJSON() {
        return http.jsondecode("{ not json");
    }

    function testDeviceInfo() {
        assertEqual("imp005", device.info().type);
    }
}
