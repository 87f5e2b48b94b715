"""One owner for the fitted model of one folder: loading it, fitting it, changing its pool,
and the results worked out from it, each cached under the model's state.

The state of a model is its save id (the version the database publishes) and a count of
changes to its pool since it was loaded. A result cached under one state is never read
under another, so an added candidate, an erasure or a newer published model re-ranks at
once. The web app keeps one registry on ``app.extensions`` (``nedmatch.services.matching``);
benchmarks and tests may hold one of their own. Nothing here imports Flask.

The web app never fits inside a request: ``load_or_fit`` is for start-up and the ``flask``
refit command; requests call ``load``. A model saved by other library versions, or
damaged, is refitted rather than trusted.
"""

from __future__ import annotations

import gc
import logging
import os
import threading
import time
from collections.abc import Callable, Hashable, Iterable
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from cachetools import LRUCache

from nedmatch.matching.model import Ranker
from nedmatch.matching.persistence import ModelLoadError, load, read_metadata, save
from nedmatch.matching.profiles import CandidateProfile

log = logging.getLogger(__name__)

CandidatesLoader = Callable[[], Iterable[CandidateProfile]]
T = TypeVar("T")

_MISSING = object()
# Results kept per registry: a ranked list's scores for each of the last few vacancies read.
RESULTS_KEPT = 8


class ModelRegistry:
    """The fitted ranker of one model folder in this process, and what is derived from it."""

    def __init__(
        self,
        folder: str | os.PathLike[str],
        *,
        ranker_factory: Callable[[], Ranker] = Ranker,
        results_kept: int = RESULTS_KEPT,
    ) -> None:
        self.folder = Path(folder).resolve()
        self.ranker_factory = ranker_factory
        self._lock = threading.RLock()
        self._ranker: Ranker | None = None
        self._version: str | None = None
        self._changes = 0
        self._results: LRUCache[Hashable, Any] = LRUCache(maxsize=results_kept)
        self._results_lock = threading.Lock()
        self._checked_at: float | None = None
        # The web side's bookkeeping: whether profiles changed since the fit have been folded
        # in, and when profiles changed by other processes were last looked for.
        self.caught_up = False
        self.synced_profiles_at: datetime | None = None

    # ------------------------------------------------------------------ reading

    @property
    def ranker(self) -> Ranker | None:
        """The ranker in memory, or None: never reads the disk."""
        return self._ranker

    @property
    def version(self) -> str | None:
        """The save id of the model in memory (the published version it came from)."""
        return self._version

    @property
    def state(self) -> tuple[str | None, int]:
        """What a cached result depends on: the model's version and changes since."""
        with self._lock:
            return self._version, self._changes

    def cached(self, key: Hashable, compute: Callable[[], T]) -> T:
        """A result worked out from the model, computed once per model state and key."""
        full_key = (self.state, key)
        with self._results_lock:
            found = self._results.get(full_key, _MISSING)
        if found is not _MISSING:
            return found
        value = compute()
        with self._results_lock:
            self._results[full_key] = value
        return value

    # ------------------------------------------------------------------ loading

    def load(self) -> Ranker | None:
        """The ranker in memory, else the saved one, else None: never fits (web requests)."""
        with self._lock:
            if self._ranker is not None:
                return self._ranker
            try:
                ranker = load(self.folder)
            except ModelLoadError as exc:
                log.warning("No usable matching model in %s: %s", self.folder, exc)
                return None
            self._install(ranker, _save_id(self.folder))
            return ranker

    def load_or_fit(self, candidates_loader: CandidatesLoader) -> Ranker | None:
        """The ranker in memory, else the saved one, else a fresh fit saved for next time.

        None while the pool is empty: there is no vocabulary to learn before the first
        application arrives.
        """
        with self._lock:
            if self._ranker is not None:
                return self._ranker
            try:
                loaded = load(self.folder)
            except ModelLoadError as exc:
                log.warning("Refitting the matching model: %s", exc)
                return self._fit_and_save(candidates_loader)
            log.info("Loaded the matching model from %s (%d candidates).", self.folder, len(loaded))
            self._install(loaded, _save_id(self.folder))
            return loaded

    def refit(self, candidates_loader: CandidatesLoader) -> Ranker | None:
        """Fit on the current pool, save, and replace the ranker in memory."""
        return self._fit_and_save(candidates_loader)

    def reload(self) -> Ranker | None:
        """Forget the ranker in memory and read the folder again (a newer model was put
        there)."""
        with self._lock:
            self._uninstall()
            return self.load()

    def forget(self) -> None:
        """Drop the ranker and every result from memory; the folder is left alone."""
        with self._lock:
            self._uninstall()

    # ------------------------------------------------------- changing the pool

    def add(self, candidate: CandidateProfile) -> bool:
        """Make a new or changed profile rankable now; False if no model is in memory.

        Only this process's copy changes; other processes see the candidate when they next
        fold in changed profiles, or after the next refit.
        """
        with self._lock:
            ranker = self._ranker
            if ranker is None:
                return False
            ranker.add(candidate)
            self._changes += 1
            return True

    def remove(self, candidate_id: str | int, *, persist: bool = True) -> bool:
        """Forget a candidate in memory and, by default, on disk too (erasure requests)."""
        with self._lock:
            ranker = self.load()
            if ranker is None:
                return False
            removed = ranker.remove(candidate_id)
            if removed:
                self._changes += 1
                if persist:
                    self._version = str(save(ranker, self.folder)["save_id"])
            return removed

    def save(self) -> bool:
        """Write the ranker in memory (with candidates added since the fit) to disk."""
        with self._lock:
            if self._ranker is None:
                return False
            self._version = str(save(self._ranker, self.folder)["save_id"])
            return True

    # ---------------------------------------------------- checks for newer models

    def check_due(self, every_seconds: float) -> bool:
        """True at most once every `every_seconds`: time to look for a newer model."""
        now = time.monotonic()
        with self._lock:
            if self._checked_at is not None and now - self._checked_at < every_seconds:
                return False
            self._checked_at = now
            return True

    def mark_checked(self) -> None:
        with self._lock:
            self._checked_at = time.monotonic()

    # ------------------------------------------------------------------ inside

    def _install(self, ranker: Ranker, version: str | None) -> None:
        self._ranker = ranker
        self._version = version
        self._changes = 0
        self.caught_up = False
        self.synced_profiles_at = None
        with self._results_lock:
            self._results.clear()
        _freeze()

    def _uninstall(self) -> None:
        self._ranker = None
        self._version = None
        self._changes = 0
        self.caught_up = False
        self.synced_profiles_at = None
        with self._results_lock:
            self._results.clear()

    def _fit_and_save(self, candidates_loader: CandidatesLoader) -> Ranker | None:
        pool = list(candidates_loader())
        if not pool:
            log.info("No candidates yet: the matching model will be fitted later.")
            with self._lock:
                self._uninstall()
            return None
        ranker = self.ranker_factory().fit(pool)
        metadata = save(ranker, self.folder)
        with self._lock:
            self._install(ranker, str(metadata["save_id"]))
        return ranker


def _save_id(folder: Path) -> str | None:
    try:
        return str(read_metadata(folder).get("save_id") or "") or None
    except ModelLoadError:
        return None


def _freeze() -> None:
    """Move what is alive now (the pool) out of the collector's reach.

    The pool lives as long as the process; without this every full collection walks it
    again, which showed up as ranking latency at 100,000 candidates.
    """
    gc.collect()
    gc.freeze()
