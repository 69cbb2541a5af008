"""The Chatwoot REST and ActionCable client (no Qt)."""
