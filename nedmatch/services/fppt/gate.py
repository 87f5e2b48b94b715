"""The rule before appointment: every FPPT check cleared, or an administrator's
recorded override."""

from __future__ import annotations

from ...models import Application
from .checks import outstanding, override_of


def refusal(application: Application) -> str | None:
    """Why the application cannot be appointed yet, or None when it can."""
    if override_of(application) is not None:
        return None
    missing = outstanding(application, 0)
    if not missing:
        return None
    listed = "; ".join(missing)
    return (
        f"{application.reference} cannot be appointed until the fit and proper person checks "
        f"are complete. Still to do: {listed}. Record them on the FPPT page, or an "
        "administrator can override with a recorded reason."
    )
