"""The team's time-to-appoint dashboard."""
