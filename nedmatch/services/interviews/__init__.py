"""Interview arrangements: the times the team offers for a vacancy (`slots`), each
candidate's booking of one with the adjustments they need (`bookings`), the emails and
calendar files that confirm them (`notices`, `calendar`), and the team's schedule
(`schedule`). Times are stored in UTC and shown in UK time (`times`)."""
