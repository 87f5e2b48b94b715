"""What every area relies on: the audit trail, background jobs, shared artifacts in the
database, email, signed links and team passwords."""
