"""Developer scripts (the demo set-up)."""
