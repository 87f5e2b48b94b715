"""Operations: take validated data, change the database, flush, write the audit record.

The request (or CLI command) that calls them commits once.
"""
