"""Importing a talent pool from a spreadsheet, under /team/imports (administrators)."""
