// impvm: --virtual
// The agent's http object without a browser: requests to its own URL
// (http.agenturl()) reach its http.onrequest handler as events, answered
// at once or later; other URLs are refused (no internet in an emulator);
// JSON, URL, base64 coding and hashes.
