"""The sift: the ranked list, one application's blind view, stage moves, notes, revealing
identity at interview, the CV, the talent pool and invitations, and a vacancy's history."""
