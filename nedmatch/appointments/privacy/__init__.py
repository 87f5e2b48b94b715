"""Data requests received outside the service: export or erase a candidate's data."""
