"""The Team window: agents, their roles and inboxes, and the canned responses."""
