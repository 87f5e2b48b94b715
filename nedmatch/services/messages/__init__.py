"""Messages that tell candidates where their application stands: the wording per vacancy
(`wording`, `templates`), and each message queued until it is sent (`queue`, `sweep`)."""
