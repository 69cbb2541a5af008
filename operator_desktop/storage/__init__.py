"""The local SQLite cache (no Qt)."""
