"""The sync engine that keeps the cache equal to the server (no Qt)."""
