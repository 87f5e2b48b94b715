"""Time to appoint: how long campaigns take from advert to appointment, where they wait,
against the Governance Code on Public Appointments' aim of 90 days.

A campaign's phases run from the first day something happened to the first day the next
thing happened: the advert from its opening day to its closing day; then each stage from
the first time any applicant reached the stage before to the first time any reached it.
So "shortlisting took 12 days" means the first shortlisted applicant came 12 days after the
first longlisted one: a campaign waits in a phase until its first candidate leaves it.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

AIM_DAYS: Final = 90
# The phases after the advert, each named by the stage that ends it.
PHASES: Final[tuple[tuple[str, str], ...]] = (
    ("longlisted", "Longlisting"),
    ("shortlisted", "Shortlisting"),
    ("interview", "Invitations to interview"),
    ("recommended", "Interviews and recommendation"),
    ("appointed", "Appointment"),
)
ADVERT = "Advert open"


@dataclass(frozen=True)
class CampaignDates:
    """What a campaign's timing is computed from: plain values, no database."""

    vacancy_id: int
    title: str
    organisation: str
    challenged: bool
    opens_on: date | None
    closes_on: date | None
    first_reached: dict[str, date]  # stage -> the first day any applicant reached it
    applications: int
    willing_pool: int  # pool members in the region who agreed to be matched


@dataclass(frozen=True)
class Phase:
    name: str
    days: int | None  # None: not finished


@dataclass(frozen=True)
class CampaignTiming:
    dates: CampaignDates
    phases: list[Phase]
    days_to_appoint: int | None
    waiting_in: str | None  # the phase an unfinished campaign is in
    waiting_days: int | None

    @property
    def met_aim(self) -> bool | None:
        return None if self.days_to_appoint is None else self.days_to_appoint <= AIM_DAYS


def timing(dates: CampaignDates, today: date) -> CampaignTiming:
    """Each phase's length, the days to appointment, and where an unfinished campaign is
    waiting and for how long."""
    phases: list[Phase] = []
    started = dates.opens_on
    ended = dates.closes_on if dates.closes_on and dates.closes_on <= today else None
    phases.append(Phase(ADVERT, (ended - started).days if started and ended else None))
    waiting_in, waiting_since = (ADVERT, started) if ended is None else (None, None)
    previous = ended
    for stage, name in PHASES:
        reached = dates.first_reached.get(stage)
        if previous is not None and reached is not None:
            phases.append(Phase(name, max(0, (reached - previous).days)))
            previous = reached
        else:
            phases.append(Phase(name, None))
            if waiting_in is None and previous is not None:
                waiting_in, waiting_since = name, previous
            previous = None
    appointed = dates.first_reached.get("appointed")
    days = (appointed - started).days if appointed and started else None
    if appointed is not None:
        waiting_in = None
    waited = (today - waiting_since).days if waiting_in and waiting_since else None
    return CampaignTiming(dates, phases, days, waiting_in, waited)


@dataclass(frozen=True)
class Summary:
    campaigns: int
    appointed: int
    median_days: float | None
    met_aim: int
    bands: list[tuple[str, int]]  # days to appoint, in bands of 30


def summary(timings: Sequence[CampaignTiming]) -> Summary:
    done = [t.days_to_appoint for t in timings if t.days_to_appoint is not None]
    bands = [("0 to 30", 0), ("31 to 60", 0), ("61 to 90", 0), ("91 to 180", 0), ("Over 180", 0)]
    limits = (30, 60, 90, 180)
    counts = [0] * len(bands)
    for days in done:
        counts[next((i for i, limit in enumerate(limits) if days <= limit), len(limits))] += 1
    return Summary(
        campaigns=len(timings),
        appointed=len(done),
        median_days=statistics.median(done) if done else None,
        met_aim=sum(1 for d in done if d <= AIM_DAYS),
        bands=[(label, n) for (label, _), n in zip(bands, counts, strict=True)],
    )


@dataclass(frozen=True)
class Comparison:
    """Challenged organisations against the rest (the national review's recommendation 7)."""

    label: str
    vacancies: int
    median_days_to_fill: float | None
    applications_per_vacancy: float | None
    median_willing_pool: float | None


def compare(timings: Iterable[CampaignTiming]) -> list[Comparison]:
    groups: dict[bool, list[CampaignTiming]] = {True: [], False: []}
    for item in timings:
        groups[item.dates.challenged].append(item)
    out = []
    for challenged, label in ((True, "Organisations in recovery support"), (False, "The rest")):
        items = groups[challenged]
        filled = [t.days_to_appoint for t in items if t.days_to_appoint is not None]
        out.append(
            Comparison(
                label=label,
                vacancies=len(items),
                median_days_to_fill=statistics.median(filled) if filled else None,
                applications_per_vacancy=(
                    sum(t.dates.applications for t in items) / len(items) if items else None
                ),
                median_willing_pool=(
                    statistics.median(t.dates.willing_pool for t in items) if items else None
                ),
            )
        )
    return out
