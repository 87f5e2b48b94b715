"""Rate limits on the public forms that create records or send email."""

from __future__ import annotations

import hashlib
import hmac

from flask import current_app

from ..extensions import limiter
from ..security import form_went_ahead, posted_email

# Starting an application or joining the pool, and asking for a return link, all send a
# return-link email: at most 5 an hour to one address, so nobody's inbox can be flooded,
# and a cap per client address on the public forms that create records or send email.
emails_to_one_address = limiter.shared_limit(
    "5/hour",
    scope="return-link-email",
    key_func=posted_email,
    methods=["POST"],
    exempt_when=lambda: not posted_email(),
    deduct_when=form_went_ahead,
)
starts_per_client = limiter.shared_limit(
    "20/hour", scope="start", methods=["POST"], deduct_when=form_went_ahead
)
return_links_per_client = limiter.limit("5/hour", methods=["POST"], deduct_when=form_went_ahead)


def _posted_recipient() -> str:
    """The recommended person's address as a keyed hash: the count of emails to them needs
    a key, and the address itself is not kept anywhere, the counts included."""
    address = posted_email()
    if not address:
        return ""
    key = str(current_app.config["SECRET_KEY"]).encode()
    return hmac.new(key, address.encode(), hashlib.sha256).hexdigest()[:32]


# Recommending a vacancy emails someone who never asked: at most 3 a day to one address,
# and a cap per client address, so the form cannot be used to flood anyone.
recommendations_to_one_address = limiter.shared_limit(
    "3/day",
    scope="recommendation-email",
    key_func=_posted_recipient,
    methods=["POST"],
    exempt_when=lambda: not posted_email(),
    deduct_when=form_went_ahead,
)
recommendations_per_client = limiter.shared_limit(
    "10/hour", scope="recommendation", methods=["POST"], deduct_when=form_went_ahead
)
