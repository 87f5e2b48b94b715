"""What the team asked the ranked list for: filters, search, sort, page and the candidates
ticked so far, read from the query string and written back into every link the list makes
(paging, the application pages' previous and next links), so none of it is lost."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...forms_common import link_args, record_id

SORTS = {
    "score": "Best match first",
    "submitted": "Earliest application first",
    "reference": "Reference",
}
MAX_QUERY = 100
MAX_SELECTED = 5000  # more than any campaign's applicants; bounds what a URL can ask for


@dataclass(frozen=True)
class Filters:
    stage: str = ""
    region: str = ""
    essentials: str = ""  # "met", "not-met" or ""
    min_score: float | None = None
    board: str = ""
    q: str = ""  # a reference, or a name once the candidate's identity is revealed
    sort: str = "score"
    page: int = 1
    selected: tuple[int, ...] = ()
    # (field, message) for anything typed that could not be used: shown, never ignored.
    errors: tuple[tuple[str, str], ...] = ()
    raw_min_score: str = ""

    @classmethod
    def from_args(cls, args: Any) -> Filters:
        errors: list[tuple[str, str]] = []
        raw_score = (args.get("min_score") or "").strip()
        min_score: float | None = None
        if raw_score:
            try:
                min_score = float(raw_score)
            except ValueError:
                errors.append(("min_score", "Minimum score must be a number, like 60"))
            else:
                if not 0 <= min_score <= 100:
                    errors.append(("min_score", "Minimum score must be between 0 and 100"))
                    min_score = None
        try:
            page = max(1, int(args.get("page", "1")))
        except ValueError:
            page = 1
        sort = args.get("sort", "score")
        selected: list[int] = []
        for value in args.getlist("selected") if hasattr(args, "getlist") else []:
            found = record_id(str(value))
            if found is not None and found not in selected:
                selected.append(found)
        return cls(
            stage=args.get("stage", ""),
            region=args.get("region", ""),
            essentials=args.get("essentials", "")
            if args.get("essentials") in {"met", "not-met"}
            else "",
            min_score=min_score,
            board=args.get("board", ""),
            q=" ".join((args.get("q") or "").split())[:MAX_QUERY],
            sort=sort if sort in SORTS else "score",
            page=page,
            selected=tuple(selected[:MAX_SELECTED]),
            errors=tuple(errors),
            raw_min_score=raw_score[:20],
        )

    @property
    def active(self) -> bool:
        """Whether anything narrows the list (the filter section opens when it does)."""
        return bool(
            self.stage
            or self.region
            or self.essentials
            or self.board
            or self.q
            or self.min_score is not None
            or self.errors
        )

    def error_for(self, name: str) -> str | None:
        return next((message for field, message in self.errors if field == name), None)

    def with_selected(self, ids: list[int]) -> Filters:
        return Filters(**{**self.__dict__, "selected": tuple(dict.fromkeys(ids))})

    def as_args(self, **changes: Any) -> dict[str, Any]:
        values: dict[str, Any] = {
            "stage": self.stage,
            "region": self.region,
            "essentials": self.essentials,
            "min_score": self.raw_min_score
            if self.errors
            else ("" if self.min_score is None else f"{self.min_score:g}"),
            "board": self.board,
            "q": self.q,
            "sort": self.sort,
            "page": self.page,
            "selected": list(self.selected),
        }
        values.update(changes)
        return link_args(values, default_sort="score")
