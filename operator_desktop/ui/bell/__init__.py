"""The bell: the server's notification list in the window (Chatwoot's notifications, §6.1)."""
