"""The JSON API for other systems, under /api/v1/: open vacancies for anyone (public.py),
and the team's work for systems holding an API token (team.py). Described by an OpenAPI
3.1 document made from these routes and their marshmallow schemas (spec.py)."""
