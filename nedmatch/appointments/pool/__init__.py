"""The talent pool pages, under /team/pool."""
