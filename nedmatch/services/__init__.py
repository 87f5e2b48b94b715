"""Operations: take validated data, change the database, flush, write the audit record.

The request (or CLI command) that calls them commits once. Grouped by domain:

- `applications/`: the candidate's application, CV and equality monitoring answers
- `campaigns/`: organisations and vacancies
- `sift/`: the ranked list, stage moves, pool invitations
- `panel/`: panel scoring and its downloads
- `reporting`: diversity reports from the database
- `matching`: the web app's side of the ranking model
- `privacy/`: retention, erasure, data rights
- `platform/`: audit, jobs, shared artifacts, email, signed links, passwords
"""
