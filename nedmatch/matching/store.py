"""One fitted ranker per process, loaded from the instance folder on first use.

The web app never fits inside a request: ``load_or_fit`` is for start-up and the
``flask`` refit command; requests call ``get_ranker``. A model saved by other library
versions, or damaged, is refitted rather than trusted.
"""

from __future__ import annotations

import gc
import logging
import os
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from nedmatch.matching.model import Ranker
from nedmatch.matching.persistence import ModelLoadError, load, save
from nedmatch.matching.profiles import CandidateProfile

log = logging.getLogger(__name__)

CandidatesLoader = Callable[[], Iterable[CandidateProfile]]

_cache: dict[Path, Ranker] = {}
_lock = threading.RLock()


def _key(path: str | os.PathLike[str]) -> Path:
    return Path(path).resolve()


def load_or_fit(
    path: str | os.PathLike[str],
    candidates_loader: CandidatesLoader,
    *,
    ranker_factory: Callable[[], Ranker] = Ranker,
) -> Ranker | None:
    """The cached ranker, else the saved one, else a fresh fit saved for next time.

    None while the pool is empty: there is no vocabulary to learn before the first
    application arrives.
    """
    key = _key(path)
    with _lock:
        cached = _cache.get(key)
        if cached is not None:
            return cached
        ranker: Ranker | None
        try:
            ranker = load(key)
            log.info("Loaded the matching model from %s (%d candidates).", key, len(ranker))
        except ModelLoadError as exc:
            log.warning("Refitting the matching model: %s", exc)
            ranker = _fit_and_save(key, candidates_loader, ranker_factory)
        if ranker is not None:
            _cache[key] = ranker
            _freeze()
        return ranker


def refit(
    path: str | os.PathLike[str],
    candidates_loader: CandidatesLoader,
    *,
    ranker_factory: Callable[[], Ranker] = Ranker,
) -> Ranker | None:
    """Fit on the current pool, save, and replace the cached ranker (the refit command)."""
    key = _key(path)
    ranker = _fit_and_save(key, candidates_loader, ranker_factory)
    with _lock:
        if ranker is None:
            _cache.pop(key, None)
        else:
            _cache[key] = ranker
            _freeze()
    return ranker


def load_saved(path: str | os.PathLike[str]) -> Ranker | None:
    """The cached ranker, else the saved one, else None: never fits (for web requests)."""
    key = _key(path)
    with _lock:
        cached = _cache.get(key)
        if cached is not None:
            return cached
        try:
            ranker = load(key)
        except ModelLoadError as exc:
            log.warning("No usable matching model in %s: %s", key, exc)
            return None
        _cache[key] = ranker
        _freeze()
        return ranker


def get_ranker(path: str | os.PathLike[str]) -> Ranker | None:
    """The ranker already loaded for this folder, or None if start-up has not loaded one."""
    with _lock:
        return _cache.get(_key(path))


def add_candidate(path: str | os.PathLike[str], candidate: CandidateProfile) -> bool:
    """Make a new or changed application rankable now; False if no model is loaded.

    Only this process's copy changes; other worker processes see the candidate after the
    next refit or save, so the app should also save periodically or refit nightly.
    """
    with _lock:
        ranker = _cache.get(_key(path))
        if ranker is None:
            return False
        ranker.add(candidate)
        return True


def remove_candidate(
    path: str | os.PathLike[str], candidate_id: str | int, *, persist: bool = True
) -> bool:
    """Forget a candidate in memory and, by default, on disk too (erasure requests)."""
    key = _key(path)
    with _lock:
        ranker = _cache.get(key)
        if ranker is None:
            try:
                ranker = load(key)
            except ModelLoadError:
                return False
            _cache[key] = ranker
        removed = ranker.remove(candidate_id)
        if removed and persist:
            save(ranker, key)
        return removed


def save_cached(path: str | os.PathLike[str]) -> bool:
    """Write the cached ranker (with candidates added since the fit) to disk."""
    key = _key(path)
    with _lock:
        ranker = _cache.get(key)
        if ranker is None:
            return False
        save(ranker, key)
        return True


def _freeze() -> None:
    """Move what is alive now (the pool) out of the collector's reach.

    The pool lives as long as the process; without this every full collection walks it
    again, which showed up as ranking latency at 100,000 candidates.
    """
    gc.collect()
    gc.freeze()


def clear_cache() -> None:
    """Forget every loaded ranker (tests, or after the instance folder is replaced)."""
    with _lock:
        _cache.clear()


def _fit_and_save(
    key: Path, candidates_loader: CandidatesLoader, ranker_factory: Callable[[], Ranker]
) -> Ranker | None:
    pool = list(candidates_loader())
    if not pool:
        log.info("No candidates yet: the matching model will be fitted later.")
        return None
    ranker = ranker_factory().fit(pool)
    save(ranker, key)
    return ranker
