"""Failed sign-ins: a temporary lock that grows with repeated failures, and checks that
take the same time whether or not an email address belongs to anyone.

A lock that lasts until an administrator lifts it lets anyone who knows an address shut
its owner out for good (administrators included); a short lock that grows with each
further failure still limits a guesser to a handful of tries an hour, while the owner
only has to wait or ask an administrator (the "Team members" page) to unlock them.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from functools import cache

from ..models import TeamUser
from ..models._types import utcnow
from ..services.platform.passwords import hash_password, verify_password

# Failures in a row before the first lock, and how long each lock lasts: the first lock
# after LOCK_AFTER failures, the next after one more failure, and so on; then the last.
LOCK_AFTER = 5
LOCK_MINUTES = (1, 5, 15, 60)


def now() -> datetime:
    """The clock the lockout reads (naive UTC, like the columns); tests move it."""
    return utcnow()


def is_locked(user: TeamUser, at: datetime) -> bool:
    return user.locked_until is not None and user.locked_until > at


def record_failure(user: TeamUser, at: datetime) -> None:
    user.failed_logins = (user.failed_logins or 0) + 1
    if user.failed_logins >= LOCK_AFTER:
        step = min(user.failed_logins - LOCK_AFTER, len(LOCK_MINUTES) - 1)
        user.locked_until = at + timedelta(minutes=LOCK_MINUTES[step])


def clear(user: TeamUser) -> None:
    """After a successful sign-in, or when an administrator unlocks the account."""
    user.failed_logins = 0
    user.locked_until = None


@cache
def _dummy_hash() -> str:
    # Made with the same hasher and parameters as real passwords, so checking against it
    # costs what checking a real account's password costs.
    return hash_password(secrets.token_urlsafe(24))


def verify_without_account(password: str) -> None:
    """Spend the time a password check takes when the email address matches no one, so
    that the answer's timing does not say which addresses have accounts."""
    verify_password(_dummy_hash(), password)
