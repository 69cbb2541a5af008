"""The transcripts feature: exporting cached conversations (and, later, browsing them)."""
