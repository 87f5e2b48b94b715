"""Panel scoring and the shortlist and panel downloads."""
