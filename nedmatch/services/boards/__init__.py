"""Boards and succession: each organisation's sitting members, the terms that end, the
skills the board would lose, the vacancy that follows, and the appointee who is seated."""
