"""The sift: the ranked list, moving candidates between stages, and pool invitations."""
