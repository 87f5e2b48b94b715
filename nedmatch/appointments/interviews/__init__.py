"""The team's pages for a vacancy's interviews: the schedule, adding a time, cancelling one."""
