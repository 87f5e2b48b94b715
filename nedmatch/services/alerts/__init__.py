"""Role alerts for the talent pool: each member's choices (`subscriptions`, with the rules
in `choices`), whether the matching model reckons a member fits a vacancy (`fit`), the
alerts sent when a vacancy opens (`opening`) and the weekly digests (`digest`), the emails'
words (`wording`), the team's counts (`counts`), and recommending a vacancy to someone
(`recommend`)."""
