"""The customer card: the contact of the open conversation."""
