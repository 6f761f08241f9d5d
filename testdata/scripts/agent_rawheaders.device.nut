// impvm: --http-replay agent_rawheaders.cassette.json
// An agent reading the response's rawheaders: every header line as the
// server sent it (agent_rawheaders.agent.nut).
