"""What a member asked to hear about, and whether a vacancy is one of those. Only the
member's choices and the advert count here: never their profile, and never equality
monitoring answers (how well they fit is the model's question, in `fit`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ...domain import REGIONS, ROLE_TYPES, SKILL_AREAS
from ...models import ALERT_FREQUENCIES, AlertSubscription, Vacancy


@dataclass(frozen=True)
class Choices:
    role_types: frozenset[str]
    regions: frozenset[str]
    # Empty: whatever skill areas a vacancy asks for.
    skill_areas: frozenset[str]
    challenged_only: bool
    frequency: str

    @classmethod
    def of(cls, subscription: AlertSubscription) -> Choices:
        return cls.clean(
            subscription.role_types,
            subscription.regions,
            subscription.skill_areas,
            subscription.challenged_only,
            subscription.frequency,
        )

    @classmethod
    def clean(
        cls,
        role_types: Iterable[str],
        regions: Iterable[str],
        skill_areas: Iterable[str],
        challenged_only: bool,
        frequency: str,
    ) -> Choices:
        """Only words of the service's vocabulary: a stored slug that has since gone from
        the vocabulary matches nothing, rather than everything."""
        return cls(
            role_types=frozenset(r for r in role_types or () if r in ROLE_TYPES),
            regions=frozenset(r for r in regions or () if r in REGIONS),
            skill_areas=frozenset(s for s in skill_areas or () if s in SKILL_AREAS),
            challenged_only=bool(challenged_only),
            frequency=frequency if frequency in ALERT_FREQUENCIES else "immediate",
        )


def wants(choices: Choices, vacancy: Vacancy) -> bool:
    """Whether ``vacancy`` is a role the member asked to hear about: its type, its
    organisation's region, at least one of the chosen skill areas (when any were chosen),
    and an organisation in national recovery support when they asked for only those."""
    organisation = vacancy.organisation
    if vacancy.role_type not in choices.role_types:
        return False
    if organisation.region not in choices.regions:
        return False
    if choices.challenged_only and not organisation.challenged:
        return False
    return not choices.skill_areas or bool(choices.skill_areas & set(vacancy.skill_areas or ()))
