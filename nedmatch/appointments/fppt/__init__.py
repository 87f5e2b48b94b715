"""The team's fit and proper person test pages: an application's record, each check, the
administrator's override, and the annual re-checks that are due."""
