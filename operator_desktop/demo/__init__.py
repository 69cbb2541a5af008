"""A Chatwoot-compatible server for the demo and the tests; shares no code with the client."""
