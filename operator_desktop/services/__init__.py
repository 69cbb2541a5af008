"""Application services: keyring, outbox, search (no Qt)."""
