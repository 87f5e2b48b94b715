"""The team's pages for the wording of the messages candidates get at each stage."""
