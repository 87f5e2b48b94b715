"""The talent pool as the team sees it: members by pool number, filters, and a blind profile."""
