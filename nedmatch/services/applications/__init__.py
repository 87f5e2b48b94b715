"""The candidate's side: starting, saving and submitting an application, the CV, and the
equality monitoring answers kept apart from it."""
