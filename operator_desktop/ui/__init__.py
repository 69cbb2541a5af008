"""Qt widgets, models and delegates, one folder per feature."""
