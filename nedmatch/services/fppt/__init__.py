"""The fit and proper person test: recording checks, the gate before appointment, an
administrator's override, and the annual re-checks that fall due."""
