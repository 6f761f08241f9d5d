// impvm: --http-replay agent_replay.cassette.json
// An agent that posts readings to a web service, answered from a cassette
// (agent_replay.agent.nut; no network).
