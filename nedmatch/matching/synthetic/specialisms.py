"""Every specialism of the synthetic pool, in the order candidates are generated."""

from __future__ import annotations

from typing import Final

from nedmatch.matching.synthetic.clinical import ALLIED, DOCTOR, NURSE
from nedmatch.matching.synthetic.community import COMMUNITY, PUBLIC_HEALTH
from nedmatch.matching.synthetic.corporate import (
    AUDIT_ACCOUNTANT,
    COMMERCIAL,
    ESTATES,
    FINANCE_LEADER,
    PEOPLE,
)
from nedmatch.matching.synthetic.records import Specialism
from nedmatch.matching.synthetic.specialist import CYBER, DIGITAL, LEGAL, QUALITY_REGULATION

# The order is part of the data: candidates take specialisms in turn, and a seeded
# generator picks among them by position.
SPECIALISMS: Final[tuple[Specialism, ...]] = (
    AUDIT_ACCOUNTANT,
    FINANCE_LEADER,
    DOCTOR,
    NURSE,
    ALLIED,
    DIGITAL,
    CYBER,
    LEGAL,
    QUALITY_REGULATION,
    PEOPLE,
    ESTATES,
    PUBLIC_HEALTH,
    COMMUNITY,
    COMMERCIAL,
)
