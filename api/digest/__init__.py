"""The morning briefing and the evening summary: composition, scheduling in the person's time zone, the batched sending and the archive."""
