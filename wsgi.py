"""Entry point for gunicorn and `flask`: `gunicorn wsgi:app`."""

from nedmatch import create_app

app = create_app()
