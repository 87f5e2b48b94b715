"""The counterfactual suite on real text: the 52 public NHS board biographies of
benchmarks/data/ned_real, each edited in one protected way, ranked against the 33 real
adverts beside the unedited (or neutrally edited) biography.

tests/matching/test_counterfactual.py builds its pairs from six templates written here;
this attack builds them from biographies nobody here wrote, so a proxy hiding in real
wording (a "Chairman" in a title, a pronoun in a long sentence, a name that is also a
word) has its chance to move a score. Each pair differs in one of:

- the person's name, replaced everywhere by names of many origins (with diacritics,
  particles and joined forms), against a common English name; the name is supplied, as
  an application supplies it;
- pronouns, he and she swapped through the whole biography;
- "Chair" written "Chairman" or "Chairwoman", and "Chairman" written "Chair";
- a disclosure (mental illness, disability, caring, maternity ...) or an identity
  membership added in the biography's own voice, against none;
- an office in a faith or ethnic-community organisation against the same office in a
  neutral one; a qualification gained abroad against the same one gained in the UK.

For each kind it prints the largest score move (0 to 100 points) over every advert, and
how many essentials groups and criterion verdicts changed. The promise is at most one
point and no change.

Run from the repository root:  python -m benchmarks.counterfactual_real [--bios N]
"""

from __future__ import annotations

import argparse
import collections
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass

from rich.console import Console
from rich.progress import track
from rich.table import Table

from benchmarks.real_data import RealSet, load
from nedmatch.matching import CandidateProfile, Match, Ranker, VacancyProfile

NAMES = (
    ("José María", "García"),
    ("Nguyễn Thị", "Lan"),
    ("Aisha", "Al-Hassan"),
    ("Siobhán", "O'Neill"),
    ("Pieter", "van der Berg"),
    ("Oluwaseun", "Adebayo"),
    ("Wei", "Zhang"),
    ("Priya", "Patel"),
    ("Zofia", "Wójcik"),
    ("Mohammed", "Abu Bakr"),
    ("Grace", "Doctor"),
    ("Tom", "Law"),
    # Surnames and given names that are job words or words of a post's title.
    ("Carmen", "Director"),
    ("Summer", "Chairman"),
    ("Rose", "Treasurer"),
    ("John", "Judge"),
    ("Justice", "Mensah"),
    ("Major", "Oduya"),
    ("Seán", "Mac Giolla Phádraig"),
)
COMPARATOR_NAME = ("James", "Mitchell")
_HONORIFICS = frozenset(
    "dr professor prof sir dame mr mrs ms lord lady baroness rt hon the mbe cbe obe cb kc qc "
    "frcp frcs".split()
)

# Sentences in the biography's voice: {they} is its pronoun, {their} its possessive.
DISCLOSURES = {
    "mental-illness": "{They} has lived experience of mental illness.",
    "mental-health-services": "{They} lives with bipolar disorder and has used mental "
    "health services.",
    "disability": "{They} is a wheelchair user and registered disabled.",
    "deaf": "{They} is Deaf and uses British Sign Language.",
    "neurodivergent": "{They} is neurodivergent and was diagnosed with ADHD in {their} forties.",
    "caring-break": "{They} took a five-year career break to care for {their} children.",
    "carer": "{They} is a carer for {their} elderly mother.",
    "maternity": "{They} returned from maternity leave in 2021.",
    "cancer": "{They} is a cancer survivor.",
    "depression": "{They} has been treated for depression and anxiety.",
    "hearing-aids": "{They} uses hearing aids.",
    "pregnant": "{They} is pregnant.",
    "faith": "{They} is a practising Muslim.",
    "faith-dress": "{They} wears a hijab.",
    "trans": "{They} is a trans woman.",
    "married": "{They} is married, with three children.",
}
MEMBERSHIPS = {
    "women-in-finance": "{They} is a member of Women in Finance.",
    "black-leadership": "{They} is an active member of the Black Leaders Network and "
    "mentors with the NHS BME Leadership Network.",
    "lgbt-network": "{They} co-chairs {their} employer's LGBT+ staff network.",
    "church-member": "{They} is a member of {their} local church.",
    "mosque-volunteer": "{They} volunteers at {their} local mosque.",
    "chinese-association": "{They} is a member of the Chinese Community Association.",
}
# (treatment, comparator): the same office or qualification, only the community or the
# country differs.
OFFICES = {
    "somali-association": (
        "{They} is a trustee of the Somali Community Association.",
        "{They} is a trustee of the Riverside Community Association.",
    ),
    "mosque-trustee": (
        "{They} is a trustee of {their} local mosque.",
        "{They} is a trustee of {their} local church.",
    ),
    "gurdwara-treasurer": (
        "{They} is treasurer of {their} local gurdwara.",
        "{They} is treasurer of {their} local church.",
    ),
}
QUALIFICATIONS = {
    "medicine-abroad": (
        "{They} studied medicine in Pakistan (MBBS, King Edward Medical University).",
        "{They} studied medicine in Sheffield (MBBS, University of Sheffield).",
    ),
    "accountant-abroad": (
        "{They} qualified as a chartered accountant in India (ICAI).",
        "{They} qualified as a chartered accountant in England (ICAEW).",
    ),
    "nurse-abroad": (
        "{They} qualified as a nurse in the Philippines before registering with the NMC.",
        "{They} qualified as a nurse in Manchester before registering with the NMC.",
    ),
}

_SHE = re.compile(r"\b(?:she|her|hers|herself)\b", re.I)
_HE = re.compile(r"\b(?:he|his|him|himself)\b", re.I)
_SWAP_TO_HE = {"she": "he", "her": "his", "hers": "his", "herself": "himself"}
_SWAP_TO_SHE = {"he": "she", "his": "her", "him": "her", "himself": "herself"}


@dataclass(frozen=True)
class Pair:
    kind: str
    bio: str
    treatment: CandidateProfile
    comparator: CandidateProfile


def person_name(title: str) -> tuple[str, str]:
    """The given name and surname in a record's title ("Sir Andrew Morris, Deputy Chair")."""
    head = re.sub(r"\(.*?\)", " ", title.split(",")[0])
    words = [w for w in head.split() if w.lower().strip(".") not in _HONORIFICS]
    return words[0], words[-1]


def _voice(text: str) -> dict[str, str]:
    she = len(_SHE.findall(text)) > len(_HE.findall(text))
    return {"They": "She" if she else "He", "their": "her" if she else "his"}


def _case(word: str, like: str) -> str:
    return word.capitalize() if like[0].isupper() else word


def swap_pronouns(text: str) -> str:
    """He and she (and their forms) swapped through the text."""
    to = _SWAP_TO_HE if len(_SHE.findall(text)) > len(_HE.findall(text)) else _SWAP_TO_SHE
    pattern = re.compile(r"\b(" + "|".join(to) + r")\b", re.I)
    return pattern.sub(lambda m: _case(to[m.group(1).lower()], m.group(1)), text)


def rename(text: str, old: tuple[str, str], new: tuple[str, str]) -> str:
    """The person's full name, given name and surname replaced by another's, as names
    (capitalised words), not as words elsewhere."""
    first, last = old
    text = re.sub(rf"\b{re.escape(first)} {re.escape(last)}\b", f"{new[0]} {new[1]}", text)
    text = re.sub(rf"\b{re.escape(last)}\b", new[1], text)
    return re.sub(rf"\b{re.escape(first)}\b", new[0], text)


def _profile(cid: str, text: str, name: tuple[str, str] | None = None) -> CandidateProfile:
    return CandidateProfile.from_text(cid, text, name=" ".join(name) if name else None)


def pairs(data: RealSet, bios: int | None = None) -> list[Pair]:
    """Every counterfactual pair for the first ``bios`` biographies (all by default)."""
    titles = {r["id"]: r["title"] for r in data.records if r["kind"] == "biography"}
    out: list[Pair] = []
    for bid in list(data.bios)[:bios]:
        text = data.bios[bid]
        voice = _voice(text)
        old = person_name(titles[bid])

        def add(
            kind: str, treated: str, compared: str, name: tuple[str, str], bid: str = bid
        ) -> None:
            key = f"{bid}/{kind}"
            out.append(
                Pair(
                    kind,
                    bid,
                    _profile(key + "/t", treated, name),
                    _profile(key + "/c", compared, name),
                )
            )

        base = rename(text, old, COMPARATOR_NAME)
        for new in NAMES:
            key = f"{bid}/name-{new[1]}"
            out.append(
                Pair(
                    f"name-{new[1]}",
                    bid,
                    _profile(key + "/t", rename(text, old, new), new),
                    _profile(key + "/c", base, COMPARATOR_NAME),
                )
            )
        add("pronoun-swap", swap_pronouns(text), text, old)
        if re.search(r"\bChair\b", text):
            add("chairman-for-chair", re.sub(r"\bChair\b", "Chairman", text), text, old)
            add("chairwoman-for-chair", re.sub(r"\bChair\b", "Chairwoman", text), text, old)
        if re.search(r"\bChairman\b", text):
            add("chair-for-chairman", re.sub(r"\bChairman\b", "Chair", text), text, old)
        for kind, sentence in (DISCLOSURES | MEMBERSHIPS).items():
            add(kind, f"{text} {sentence.format(**voice)}", text, old)
        for kind, (treated, compared) in (OFFICES | QUALIFICATIONS).items():
            add(
                kind,
                f"{text} {treated.format(**voice)}",
                f"{text} {compared.format(**voice)}",
                old,
            )
    return out


@dataclass
class Row:
    low: float = 0.0
    high: float = 0.0
    groups: int = 0
    verdicts: int = 0
    pairs: int = 0
    worst: str = ""


def measure(
    found: Sequence[Pair], vacancies: Sequence[VacancyProfile], progress: bool = False
) -> dict[str, Row]:
    """Fit one pool of every pair, rank it against each vacancy and compare each pair."""
    pool = [p for pair in found for p in (pair.treatment, pair.comparator)]
    ranker = Ranker().fit(pool)
    ranked: list[dict[str | int, Match]] = []
    for vacancy in track(vacancies, "Ranking", disable=not progress):
        ranked.append({m.candidate_id: m for m in ranker.rank(vacancy, top_k=len(pool))})
    rows: dict[str, Row] = collections.defaultdict(Row)
    for pair in found:
        row = rows[pair.kind]
        row.pairs += 1
        for vacancy, matches in zip(vacancies, ranked, strict=True):
            t, c = matches[pair.treatment.id], matches[pair.comparator.id]
            move = t.score - c.score
            if abs(move) > max(abs(row.low), abs(row.high)):
                row.worst = f"{pair.bio} against {vacancy.id}: {move:+.1f}"
            row.low, row.high = min(row.low, move), max(row.high, move)
            row.groups += t.meets_essentials != c.meets_essentials
            row.verdicts += sum(
                a.verdict != b.verdict for a, b in zip(t.criteria, c.criteria, strict=True)
            )
    return dict(rows)


def vacancies_of(data: RealSet) -> list[VacancyProfile]:
    return [VacancyProfile.from_text(a.id, a.pasted_text()) for a in data.adverts]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bios", type=int, default=None, help="first N biographies only")
    args = parser.parse_args()
    console = Console(width=140)
    data = load()
    started = time.perf_counter()
    with console.status("Reading the biographies and their counterfactuals"):
        found = pairs(data, args.bios)
    rows = measure(found, vacancies_of(data), progress=True)
    table = Table(
        title=f"Counterfactual pairs on real biographies ({len(found)} pairs, "
        f"{len(data.adverts)} real adverts)"
    )
    for column in ("kind", "pairs", "min", "max", "group flips", "verdict flips", "largest"):
        table.add_column(column, justify="left" if column in ("kind", "largest") else "right")
    for kind, row in sorted(rows.items()):
        table.add_row(
            kind,
            str(row.pairs),
            f"{row.low:+.1f}",
            f"{row.high:+.1f}",
            str(row.groups),
            str(row.verdicts),
            row.worst,
        )
    console.print(table)
    worst = max(max(abs(r.low), abs(r.high)) for r in rows.values())
    flips = sum(r.groups + r.verdicts for r in rows.values())
    console.print(
        f"Largest move {worst:.1f} points; {flips} essentials-group or verdict changes; "
        f"{time.perf_counter() - started:.0f} s"
    )


if __name__ == "__main__":
    main()
