"""The bias audit (NYC Local Law 144 form) on small samples counted by hand."""

from __future__ import annotations

import csv
import io
import random

import pytest

from nedmatch.diversity.bias_audit import (
    COMPARED,
    HIGHEST,
    TOO_FEW,
    UNDER_2_PERCENT,
    UNKNOWN,
    above_median,
    bias_audit,
    scoring_likelihood,
)
from nedmatch.diversity.bias_counts import ScoredPerson
from nedmatch.diversity.bias_exports import audit_to_csv
from nedmatch.diversity.disclosure import DisclosurePolicy
from nedmatch.diversity.intervals import katz_ratio, wilson

EXACT = DisclosurePolicy(threshold=5, method="suppress")
CELL_KEY = DisclosurePolicy(threshold=5, method="cell-key")
PNTS = "prefer-not-to-say"


def group(
    count: int, above: int, sex: str, ethnicity: str | None
) -> list[tuple[dict[str, str], bool]]:
    answers = {"sex": sex} if sex else {}
    if ethnicity:
        answers["ethnicity"] = ethnicity
    return [(answers, i < above) for i in range(count)]


def sample(*groups: list[tuple[dict[str, str], bool]]) -> list[ScoredPerson]:
    """Scores 1000, 999, ... for those meant to be above the median, 1, 2, ... for the
    rest, so exactly the intended ones are above it when they are half the sample."""
    high, low = iter(range(1000, 500, -1)), iter(range(1, 500))
    people = []
    for key, (answers, is_above) in enumerate(a for g in groups for a in g):
        score = next(high) if is_above else next(low)
        people.append(ScoredPerson(answers, float(score), key % 256))
    return people


def hand_sample() -> list[ScoredPerson]:
    """40 people, 20 above the median:

    female White 10 (5 above), male White 10 (10), female Asian 5 (0), male Asian 5 (5),
    White who preferred not to give their sex 10 (0)."""
    return sample(
        group(10, 5, "female", "white-british"),
        group(10, 10, "male", "white-british"),
        group(5, 0, "female", "indian"),
        group(5, 5, "male", "indian"),
        group(10, 0, PNTS, "white-british"),
    )


def rows(table) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return {c.key: c for c in table.categories}


def test_median_splits_strictly_above() -> None:
    assert above_median([1.0, 2.0, 3.0, 4.0]) == (2.5, [False, False, True, True])
    # A tie at the median is not above it.
    assert above_median([1.0, 2.0, 2.0, 3.0, 5.0]) == (2.0, [False, False, False, True, True])
    assert above_median([]) == (None, [])


def test_the_hand_counted_sample() -> None:
    audit = bias_audit(hand_sample(), EXACT)
    assert (audit.sample, audit.above_median) == (40, 20)

    sex = rows(audit.table("sex"))
    assert (sex["female"].people.value, sex["female"].above.value) == (15, 5)
    assert sex["female"].rate == pytest.approx(1 / 3)
    assert (sex["male"].rate, sex["male"].impact_ratio, sex["male"].status) == (1.0, 1.0, HIGHEST)
    assert sex["female"].impact_ratio == pytest.approx(1 / 3)
    assert sex["female"].status == COMPARED
    # Unknown: the 10 who preferred not to say, counted but never compared.
    assert sex[PNTS].people.value == 10 and sex[PNTS].status == UNKNOWN
    assert sex[PNTS].rate is None and sex[PNTS].impact_ratio is None
    assert audit.table("sex").unknown == 10

    ethnic = rows(audit.table("ethnic_group"))
    assert (ethnic["white"].people.value, ethnic["white"].above.value) == (30, 15)
    assert (ethnic["asian"].people.value, ethnic["asian"].above.value) == (10, 5)
    assert ethnic["white"].rate == ethnic["asian"].rate == 0.5
    assert ethnic["asian"].impact_ratio == 1.0
    assert ethnic["black"].status == TOO_FEW and ethnic["black"].rate is None
    assert audit.table("ethnic_group").unknown == 0

    both = rows(audit.table("sex_ethnic_group"))
    assert both["female+white"].rate == 0.5
    assert both["male+white"].rate == both["male+asian"].rate == 1.0
    assert both["female+asian"].rate == 0.0
    assert both["female+white"].impact_ratio == 0.5
    assert both["female+asian"].impact_ratio == 0.0
    assert both["female+asian"].status == COMPARED
    assert len(both) == 10  # 2 sexes x 5 groups; the unknown are counted apart
    assert audit.table("sex_ethnic_group").unknown == 10


def test_confidence_intervals_by_hand() -> None:
    # Wilson, 95%: 5 of 15 is 0.152 to 0.583; 0 of 10 is 0 to 0.2775 (textbook values).
    assert wilson(5, 15) == pytest.approx((0.15176, 0.58286), abs=1e-5)
    assert wilson(0, 10) == pytest.approx((0.0, 0.27753), abs=1e-5)
    assert wilson(0, 0) is None
    # Katz: 5/15 against 15/15 is exp(ln(1/3) +/- 1.96 * sqrt(1/5 - 1/15 + 1/15 - 1/15)).
    assert katz_ratio(5, 15, 15, 15) == pytest.approx((0.16295, 0.68186), abs=1e-5)
    # A zero count: half is added to each count (0.5/6 against 10.5/11).
    assert katz_ratio(0, 5, 10, 10) == pytest.approx((0.006125, 1.24427), abs=1e-5)

    audit = bias_audit(hand_sample(), EXACT)
    female = rows(audit.table("sex"))["female"]
    assert female.rate_interval == pytest.approx(wilson(5, 15))
    assert female.ratio_interval == pytest.approx(katz_ratio(5, 15, 15, 15))
    male = rows(audit.table("sex"))["male"]
    assert male.ratio_interval is None  # the highest category is the reference
    assert male.rate_interval == pytest.approx((0.79612, 1.0), abs=1e-5)


def test_categories_under_two_percent_are_counted_but_not_compared() -> None:
    """300 people; 5 of an Other ethnic group (1.7%) with the highest rate."""
    people = sample(
        group(150, 70, "female", "white-british"),
        group(145, 75, "male", "white-british"),
        group(5, 5, "male", "arab"),
    )
    audit = bias_audit(people, EXACT)
    assert audit.sample == 300 and audit.above_median == 150
    ethnic = rows(audit.table("ethnic_group"))
    other = ethnic["other"]
    assert other.people.value == 5 and other.rate == 1.0
    assert other.status == UNDER_2_PERCENT and other.impact_ratio is None
    # White is the highest of the compared categories, though Other scored higher.
    assert ethnic["white"].status == HIGHEST and ethnic["white"].impact_ratio == 1.0


def test_small_counts_are_never_numbers_and_have_no_rates() -> None:
    rng = random.Random(4)
    people = [
        ScoredPerson(
            {"sex": rng.choice(["female", "male"]), "ethnicity": "white-british"},
            rng.random(),
            rng.randrange(256),
        )
        for _ in range(60)
    ] + [ScoredPerson({"sex": "female", "ethnicity": "african"}, 0.99, 7 + i) for i in range(3)]
    audit = bias_audit(people, CELL_KEY)
    black = rows(audit.table("ethnic_group"))["black"]
    assert black.people.display(CELL_KEY) == "<5" and black.above.display(CELL_KEY) == "<5"
    assert black.rate is None and black.impact_ratio is None and black.status == TOO_FEW
    for table in audit.tables:
        for c in table.categories:
            for shown in (c.people, c.above):
                assert shown.value is None or shown.value >= 5
            if c.rate is not None:  # from the published figures, never the exact ones
                assert c.rate == pytest.approx(min(1.0, c.above.value / c.people.value))
                low, high = c.rate_interval
                assert 0.0 <= low <= c.rate <= high <= 1.0
            if c.ratio_interval is not None:
                low, high = c.ratio_interval
                assert 0.0 < low <= c.impact_ratio <= high


def test_the_same_people_always_get_the_same_figures() -> None:
    people = hand_sample()
    first = audit_to_csv(bias_audit(people, CELL_KEY))
    assert audit_to_csv(bias_audit(list(reversed(people)), CELL_KEY)) == first


def test_csv_has_every_category_and_the_unknown_rows() -> None:
    data = audit_to_csv(bias_audit(hand_sample(), EXACT))
    lines = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    by_key = {(r["table"], r["category"]): r for r in lines}
    assert len(lines) == 4 + 7 + 10
    female = by_key[("sex", "female")]
    assert (female["people"], female["scored_above_median"]) == ("15", "5")
    assert float(female["scoring_rate_percent"]) == 33.33
    assert (female["impact_ratio_low"], female["impact_ratio_high"]) == ("0.16", "0.68")
    assert by_key[("sex", PNTS)]["note"] == "Category unknown: counted, not compared"


def test_the_uk_reading_of_the_same_scores() -> None:
    """WRES-style relative likelihood of White people scoring above the median against
    ethnic minority people: 15 of 30 against 5 of 10 (declared 40 less White 30)."""
    likely = scoring_likelihood(bias_audit(hand_sample(), EXACT))
    assert (likely.white, likely.minority, likely.ratio) == ((15, 30), (5, 10), 1.0)
    assert likely.interval == pytest.approx(katz_ratio(15, 30, 5, 10))
    small = sample(group(20, 10, "male", "white-british"), group(6, 3, "male", "indian"))
    assert scoring_likelihood(bias_audit(small, EXACT)).ratio is None  # a group under 10
