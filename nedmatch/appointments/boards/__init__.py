"""The team's board pages: each organisation's board and its skills, the terms ending
across all boards (succession), and an organisation's national support and figures."""
