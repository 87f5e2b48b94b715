"""Running as in production: several app servers, one database."""
