"""Data protection: retention and purge, erasure, and a candidate's rights over their data."""
