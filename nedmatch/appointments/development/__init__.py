"""The team's development pipeline pages: programmes and cohorts, each participant's
placement, mentor and milestones, and the offers to candidates interviewed but not
appointed."""
