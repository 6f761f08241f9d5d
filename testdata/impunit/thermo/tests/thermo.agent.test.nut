// Agent-side tests of ThermoAgent ("agent" in the file name): they run on
// the agent, after ThermoAgent.agent.lib.nut (agentFile).
class EncodingTest extends ImpTestCase {
    agent = null;

    function setUp() {
        agent = ThermoAgent("user", "secret");
    }

    function testJSONRoundTrip() {
        local text = agent.encode(21.5);
        assertDeepEqual({ celsius = 21.5, unit = "C" }, agent.decode(text));
    }

    function testQuery() {
        assertEqual("unit=C", agent.query({ unit = "C" }));
        assertDeepEqual({ a = "1", b = "x y" }, http.urldecode("a=1&b=x%20y"));
    }

    function testAuthorization() {
        assertEqual("Basic dXNlcjpzZWNyZXQ=", agent.authorization());
        assertEqual("user:secret", http.base64decode("dXNlcjpzZWNyZXQ=").tostring());
    }

    function testAgentURL() {
        local url = agent.url("/readings");
        assertTrue(url.find("https://agent.electricimp.com/") == 0, url);
        assertEqual("/readings", url.slice(url.len() - 9));
    }

    // Agents have timers too, in virtual time.
    function testAsyncOnAgent() {
        return Promise(function(resolve, reject) {
            imp.wakeup(2, function() { resolve(device.isconnected()); });
        });
    }
}
