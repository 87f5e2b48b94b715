"""Importing a talent pool kept elsewhere (a spreadsheet, an old system): read the file,
check every row and find duplicates without writing anything (the preview), then, once the
team confirms, add or merge the people as a job with progress, and report what was done."""
