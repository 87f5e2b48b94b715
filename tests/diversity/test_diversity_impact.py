"""Adverse impact, the relative likelihood, the model audit and the reference data."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import fisher_exact

from nedmatch.diversity import audit_ranking, build_report, default_reference, parse_reference
from nedmatch.diversity.impact import fisher_two_sided


@pytest.fixture
def campaign(records_factory):
    """Shortlisted and appointed, by ethnic group:
    White 40 shortlisted, 20 appointed; Asian 20 shortlisted, 6 appointed;
    Black 10 shortlisted, 1 appointed; Other 10 shortlisted, 5 appointed.
    """
    return (
        records_factory("appointed", 20, 0, ethnicity="white-british")
        + records_factory("shortlisted", 20, 100, ethnicity="white-british")
        + records_factory("appointed", 6, 200, ethnicity="indian")
        + records_factory("shortlisted", 14, 300, ethnicity="pakistani")
        + records_factory("appointed", 1, 400, ethnicity="african")
        + records_factory("shortlisted", 9, 500, ethnicity="caribbean")
        + records_factory("appointed", 5, 600, ethnicity="arab")
        + records_factory("shortlisted", 5, 700, ethnicity="arab")
    )


def test_four_fifths_ratio_and_fisher_match_hand_and_scipy(campaign):
    report = build_report(campaign, questions=["ethnic_group"])
    step = {
        i.group: i
        for i in report.impact
        if (i.from_stage, i.to_stage) == ("shortlisted", "appointed")
    }
    white, asian = step["white"], step["asian"]
    assert white.rate == pytest.approx(0.5) and "Highest" in white.reading
    assert asian.considered == 20 and asian.selected == 6
    assert asian.rate == pytest.approx(6 / 20)
    assert asian.ratio_to_highest == pytest.approx(0.3 / 0.5)
    expected = fisher_exact([[6, 14], [20, 20]]).pvalue
    assert asian.p_value == pytest.approx(expected)
    assert asian.adverse is bool(expected < 0.05)
    assert "four-fifths" in asian.reading
    # Black: 1 appointed of 10 is a small count, so no rate or ratio is printed.
    black = step["black"]
    assert black.rate is None and black.ratio_to_highest is None and black.p_value is None
    assert "too small to publish" in black.reading


def test_relative_likelihood_white_vs_minority(campaign):
    likelihood = build_report(campaign, questions=["ethnic_group"]).relative_likelihood
    assert likelihood is not None
    # White 20 of 40 appointed. Ethnic minority is derived from published figures only:
    # declared 80 minus White 40 shortlisted, declared 32 minus White 20 appointed.
    assert (likelihood.minority_shortlisted, likelihood.minority_appointed) == (40, 12)
    assert likelihood.ratio == pytest.approx((20 / 40) / (12 / 40))
    assert likelihood.p_value == pytest.approx(fisher_exact([[20, 20], [12, 28]]).pvalue)
    assert "1.67 times as likely" in likelihood.reading


def test_small_groups_get_words_not_ratios(records_factory):
    records = records_factory("appointed", 6, 0, sex="female") + records_factory(
        "shortlisted", 7, 10, sex="male"
    )
    report = build_report(records, questions=["sex"], min_group_size=10)
    item = next(i for i in report.impact if i.group == "male" and i.from_stage == "shortlisted")
    assert item.ratio_to_highest is None
    assert "Too few" in item.reading


def test_model_audit_uses_published_counts_and_fairlearn_rates():
    ranked = [({"sex": "female"}, rank) for rank in (1, 3, 5, 11, 13, *range(20, 35))] + [
        ({"sex": "male"}, rank) for rank in (2, 4, 6, 7, 8, 9, 10, 12, 14, 15, *range(40, 50))
    ]
    audit = audit_ranking(ranked, top_n=15, questions=["sex"])
    sex = audit.tables[0]
    assert sex.row("female").cells["ranked"].count.value == 20
    assert sex.row("male").cells["top"].count.value == 10
    rates = {r.group: r.selection_rate for r in audit.rates}
    assert rates == {"female": pytest.approx(5 / 20), "male": pytest.approx(10 / 20)}
    assert audit.parity_ratio["sex"] == pytest.approx(0.5)
    female = next(i for i in audit.impact if i.group == "female")
    assert female.ratio_to_highest == pytest.approx(0.5)
    assert female.p_value == pytest.approx(fisher_exact([[5, 15], [10, 10]]).pvalue)


def test_model_audit_hides_small_top_counts():
    ranked = [({"disability": "yes"}, r) for r in (1, 30, 31, 32, 33, 34)] + [
        ({"disability": "no"}, r) for r in range(2, 26)
    ]
    audit = audit_ranking(ranked, top_n=10, questions=["disability"])
    assert audit.tables[0].row("yes").cells["top"].count.hidden
    assert audit.parity_ratio["disability"] is None
    assert {r.group: r.selection_rate for r in audit.rates}["yes"] is None


def test_default_reference_is_census_2021_england():
    reference = default_reference()
    assert reference.percents["ethnic_group"]["white"] == pytest.approx(81.0)
    assert reference.percents["sex"] == {"female": 51.0, "male": 49.0}
    assert reference.percents["disability"]["yes"] == pytest.approx(17.7)
    assert "Census 2021" in reference.source
    for shares in reference.percents.values():
        assert sum(shares.values()) == pytest.approx(100.0)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("question,answer\nsex,female\n", "columns"),
        ("question,answer,percent\nheight,tall,50\n", "unknown question"),
        ("question,answer,percent\nsex,female,60\nsex,male,30\n", "add up to 90.0"),
        ("question,answer,percent\nsex,female,lots\n", "must be a number"),
    ],
)
def test_bad_reference_files_are_refused_with_a_reason(text, message):
    with pytest.raises(ValueError, match=message):
        parse_reference(text, "upload")


def test_a_loaded_reference_is_used_for_benchmarks(tmp_path, hand_example):
    path = tmp_path / "workforce.csv"
    path.write_text(
        "# NHS workforce (example)\nquestion,answer,percent\nsex,female,77\nsex,male,23\n"
    )
    from nedmatch.diversity import load_reference

    reference = load_reference(path)
    report = build_report(hand_example, questions=["sex"], reference=reference)
    female = next(b for b in report.benchmarks if b.answer == "female")
    assert female.reference_percent == 77
    assert female.observed_percent == pytest.approx(100 * 30 / 55)
    assert female.difference == pytest.approx(100 * 30 / 55 - 77)


@settings(max_examples=300, deadline=None)
@given(
    table=st.lists(st.integers(min_value=0, max_value=400), min_size=4, max_size=4),
)
def test_fishers_test_agrees_with_scipy_on_any_table(table):
    """The vectorised p-value is scipy's, table for table, including empty margins,
    symmetric tables (ties) and one-sided extremes."""
    a, b, c, d = table
    ours = fisher_two_sided([[a, b], [c, d]])
    assert ours == pytest.approx(fisher_exact([[a, b], [c, d]]).pvalue, rel=1e-9, abs=1e-300)


@pytest.mark.parametrize(
    "table",
    [
        [[0, 0], [0, 0]],
        [[5, 5], [5, 5]],
        [[10, 0], [0, 10]],
        [[3, 7], [7, 3]],
        [[1, 30000], [90, 40000]],
        [[20000, 30000], [15000, 35000]],  # a p-value near 1e-241, from 35,001 tables
        [[1000, 49000], [900, 49100]],
    ],
)
def test_fishers_test_on_edge_tables(table):
    assert fisher_two_sided(table) == pytest.approx(fisher_exact(table).pvalue, rel=1e-8)
