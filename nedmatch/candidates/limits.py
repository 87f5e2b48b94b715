"""Rate limits on the public forms that create records or send email."""

from __future__ import annotations

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
