"""Save and load a fitted ranker in formats that cannot run code when read.

The estimators go through skops with only our own text step trusted by name; the pool's
matrices go through NumPy without pickle, and its texts through JSON. Metadata records
the library versions, because scikit-learn does not support loading a model fitted by
another version: a mismatch means refit, never trust.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

import numpy as np
import scipy.sparse as sp
import sklearn
import skops
import skops.io as sio

from nedmatch.matching import criteria
from nedmatch.matching.features import decode_fields
from nedmatch.matching.index import CandidateIndex, Rows
from nedmatch.matching.model import Ranker
from nedmatch.matching.reading import READING_VERSION

# 2: featuriser with lemmas and spelling, immutable index, confidence per candidate.
# A model saved in another format is refitted, never read.
FORMAT_VERSION: Final = 2
MODEL_FILE: Final = "model.skops"
ARRAYS_FILE: Final = "pool.npz"
TEXTS_FILE: Final = "pool.json"
METADATA_FILE: Final = "metadata.json"
# The only types outside scikit-learn, NumPy and SciPy that a saved model may contain.
TRUSTED_TYPES: Final = frozenset(
    {
        "nedmatch.matching.featuriser.Featuriser",
        "nedmatch.matching.featuriser.TextNormaliser",
        "nedmatch.matching.featuriser.LatentSpace",
    }
)


class ModelLoadError(Exception):
    """The saved model is missing, incomplete or not to be trusted: fit a new one."""


class ModelVersionError(ModelLoadError):
    """The saved model was written by other library versions: refit it."""


def _feature_hash(names: list[str]) -> str:
    return hashlib.sha256("\n".join(names).encode()).hexdigest()


def _versions() -> dict[str, str]:
    return {
        "sklearn_version": sklearn.__version__,
        "skops_version": skops.__version__,
        "numpy_version": np.__version__,
        "scipy_version": __import__("scipy").__version__,
        "python_version": platform.python_version(),
    }


def _write(path: Path, name: str, writer: Any) -> None:
    """Write beside the target and rename, so a reader never sees half a file."""
    tmp = path / f".{name}.{uuid.uuid4().hex}.tmp"
    try:
        writer(tmp)
        os.replace(tmp, path / name)
    finally:
        if tmp.exists():
            tmp.unlink()


def save(ranker: Ranker, path: str | os.PathLike[str]) -> dict[str, Any]:
    """Save a fitted ranker and its pool into a directory; returns the metadata."""
    index = ranker.index_  # one snapshot, whatever is added while this writes
    if index.words_tail.shape[0] or not index.alive.all():
        index = index.compacted()
    folder = Path(path)
    folder.mkdir(parents=True, exist_ok=True)
    save_id = uuid.uuid4().hex
    names = ranker.feature_names_out()
    metadata = {
        "format_version": FORMAT_VERSION,
        "reading_version": READING_VERSION,
        **_versions(),
        "save_id": save_id,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "n_candidates": len(index),
        "n_features": len(names),
        "feature_names_sha256": _feature_hash(names),
        "params": {
            k: list(v) if isinstance(v, tuple) else v for k, v in ranker.get_params().items()
        },
    }
    featuriser = ranker.featuriser_
    # Only the fitted estimators: what is derived from them is rebuilt on load.
    saved = featuriser.__class__(**featuriser.get_params())
    saved.pipeline_ = featuriser.pipeline_
    _write(folder, MODEL_FILE, lambda p: sio.dump({"featuriser": saved}, p))
    rows = index.rows
    words = index.words_main
    arrays = {
        "save_id": np.array([save_id]),
        "words_data": words.data,
        "words_indices": words.indices,
        "words_indptr": words.indptr,
        "words_shape": np.array(words.shape),
        "concepts": rows.concepts,
        "skills": rows.skills,
        "domains": rows.domains,
        "region": rows.region,
        "board_level": rows.board_level,
        "days": rows.days,
        "willing": rows.willing,
        "declared": rows.declared,
        "confidence": rows.confidence,
        "typed": rows.typed,
    }
    if rows.lsa is not None:
        arrays["lsa"] = rows.lsa

    def write_arrays(p: Path) -> None:
        with open(p, "wb") as handle:
            np.savez(handle, **arrays)

    _write(folder, ARRAYS_FILE, write_arrays)
    texts = {
        "save_id": save_id,
        "ids": rows.ids,
        "texts": rows.fields,
        # Each candidate's criterion claims, so that a loaded pool is judged at once.
        "claims": {
            "rules": criteria.RULES_VERSION,
            "postings": criteria.saved_claims(ranker, rows.fields, decode_fields),
        },
    }
    _write(folder, TEXTS_FILE, lambda p: p.write_text(json.dumps(texts), encoding="utf-8"))
    _write(
        folder,
        METADATA_FILE,
        lambda p: p.write_text(json.dumps(metadata, indent=2), encoding="utf-8"),
    )
    return metadata


def read_metadata(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The metadata of a saved model, or ModelLoadError if there is none."""
    file = Path(path) / METADATA_FILE
    try:
        return json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ModelLoadError(f"No saved model in {path}.") from exc
    except ValueError as exc:
        raise ModelLoadError(f"The model metadata in {path} is unreadable.") from exc


def load(path: str | os.PathLike[str]) -> Ranker:
    """Load a saved ranker; raise ModelVersionError if another version wrote it."""
    folder = Path(path)
    metadata = read_metadata(folder)
    current = _versions()
    for key in ("sklearn_version", "skops_version"):
        if metadata.get(key) != current[key]:
            raise ModelVersionError(
                f"The saved model was written with {key.split('_')[0]} {metadata.get(key)}, "
                f"this process runs {current[key]}: refit it."
            )
    if metadata.get("format_version") != FORMAT_VERSION:
        raise ModelVersionError("The saved model uses another format: refit it.")
    if metadata.get("reading_version") != READING_VERSION:
        raise ModelVersionError(
            "The saved model read its candidates' text under other rules: refit it."
        )
    try:
        model_file = folder / MODEL_FILE
        untrusted = set(sio.get_untrusted_types(file=model_file))
        unexpected = untrusted - TRUSTED_TYPES
        if unexpected:
            raise ModelLoadError(f"The saved model holds unexpected types {sorted(unexpected)}.")
        estimators = sio.load(model_file, trusted=sorted(untrusted))
        with np.load(folder / ARRAYS_FILE, allow_pickle=False) as npz:
            arrays = {key: npz[key] for key in npz.files}
        texts = json.loads((folder / TEXTS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError) as exc:
        raise ModelLoadError(f"The saved model in {folder} is incomplete: {exc}") from exc
    try:
        ranker = _rebuild(metadata, estimators, arrays, texts)
    except (KeyError, ValueError, TypeError, IndexError) as exc:
        # A save from an older layout, or a damaged one: refit rather than guess.
        raise ModelLoadError(f"The saved model in {folder} cannot be read: {exc!r}") from exc
    if _feature_hash(ranker.feature_names_out()) != metadata["feature_names_sha256"]:
        raise ModelLoadError("The saved model's features do not match its metadata: refit it.")
    return ranker


def _rebuild(
    metadata: dict[str, Any],
    estimators: dict[str, Any],
    arrays: dict[str, Any],
    texts: dict[str, Any],
) -> Ranker:
    if not (str(arrays["save_id"][0]) == texts["save_id"] == metadata["save_id"]):
        raise ModelLoadError("The saved model's files come from different saves: refit it.")

    params = dict(metadata["params"])
    params["ngram_range"] = tuple(params["ngram_range"])
    ranker = Ranker(**params)
    ranker.featuriser_ = estimators["featuriser"]
    ranker.featuriser_.prepare()
    # Saved column-major; the buffers are wrapped as they are, without a copy.
    words = sp.csc_matrix(
        (arrays["words_data"], arrays["words_indices"], arrays["words_indptr"]),
        shape=tuple(arrays["words_shape"]),
    )
    rows = Rows(
        ids=texts["ids"],
        fields=texts["texts"],
        declared=arrays["declared"],
        words=words.tocsr(),
        concepts=arrays["concepts"],
        lsa=arrays.get("lsa"),
        skills=arrays["skills"],
        domains=arrays["domains"],
        region=arrays["region"],
        board_level=arrays["board_level"],
        days=arrays["days"],
        willing=arrays["willing"],
        confidence=arrays["confidence"],
        typed=arrays["typed"] if "typed" in arrays else np.ones(len(texts["ids"]), dtype=bool),
    )
    ranker.index_ = CandidateIndex.build(rows, words_main=words)
    ranker.n_features_in_ = 1
    saved = texts.get("claims") or {}
    if saved.get("rules") == criteria.RULES_VERSION:
        criteria.seed(ranker, ranker.index_.rows.fields, saved["postings"])
    else:  # saved by other rules, or before claims were saved: work them out now
        criteria.warm(ranker, ranker.index_.rows.fields, decode_fields)
    return ranker
