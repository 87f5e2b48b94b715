from __future__ import annotations

import json
from pathlib import Path
from unittest import mock

import pytest
import skops.io as sio

from nedmatch.matching import ModelLoadError, ModelVersionError, Ranker, criteria, load, save
from nedmatch.matching.persistence import METADATA_FILE, MODEL_FILE, TRUSTED_TYPES
from nedmatch.matching.registry import ModelRegistry

from .conftest import AUDIT_CHAIR, POOL


def _summary(ranker: Ranker) -> list[tuple[object, float, bool]]:
    return [(m.candidate_id, m.score, m.meets_essentials) for m in ranker.rank(AUDIT_CHAIR)]


def test_round_trip_ranks_identically(fresh_ranker: Ranker, tmp_path: Path) -> None:
    metadata = save(fresh_ranker, tmp_path)
    loaded = load(tmp_path)
    assert _summary(loaded) == _summary(fresh_ranker)
    assert loaded.explain(AUDIT_CHAIR, "acct") == fresh_ranker.explain(AUDIT_CHAIR, "acct")
    assert metadata["n_candidates"] == len(POOL)
    assert metadata["n_features"] == len(fresh_ranker.feature_names_out())
    for key in ("sklearn_version", "skops_version", "created", "feature_names_sha256"):
        assert metadata[key]


def test_saved_model_holds_only_expected_types(fresh_ranker: Ranker, tmp_path: Path) -> None:
    save(fresh_ranker, tmp_path)
    assert set(sio.get_untrusted_types(file=tmp_path / MODEL_FILE)) <= TRUSTED_TYPES


def test_loaded_ranker_accepts_additions(fresh_ranker: Ranker, tmp_path: Path) -> None:
    save(fresh_ranker, tmp_path)
    loaded = load(tmp_path)
    loaded.add(POOL[0].__class__(id="late", current_role="Chartered accountant"))
    assert "late" in loaded


def _rewrite_metadata(folder: Path, **changes: object) -> None:
    file = folder / METADATA_FILE
    metadata = json.loads(file.read_text())
    metadata.update(changes)
    file.write_text(json.dumps(metadata))


@pytest.mark.parametrize("key", ["sklearn_version", "skops_version"])
def test_other_library_version_is_refused(fresh_ranker: Ranker, tmp_path: Path, key: str):
    save(fresh_ranker, tmp_path)
    _rewrite_metadata(tmp_path, **{key: "0.0.1"})
    with pytest.raises(ModelVersionError, match="refit"):
        load(tmp_path)


def test_mismatched_files_are_refused(fresh_ranker: Ranker, tmp_path: Path) -> None:
    save(fresh_ranker, tmp_path)
    _rewrite_metadata(tmp_path, save_id="another")
    with pytest.raises(ModelLoadError):
        load(tmp_path)


def test_missing_model_is_a_load_error(tmp_path: Path) -> None:
    with pytest.raises(ModelLoadError):
        load(tmp_path / "nothing here")


class Loader:
    """Counts fits, so tests can see when the registry refits."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return list(POOL)


def _small() -> Ranker:
    return Ranker(min_df=1, max_df=1.0)


def _registry(folder: Path) -> ModelRegistry:
    return ModelRegistry(folder, ranker_factory=_small)


def test_registry_fits_once_then_loads(tmp_path: Path) -> None:
    loader = Loader()
    models = _registry(tmp_path)
    first = models.load_or_fit(loader)
    assert models.load_or_fit(loader) is first
    assert loader.calls == 1
    models.forget()
    reloaded = models.load_or_fit(loader)
    assert loader.calls == 1, "a saved model is loaded, not refitted"
    assert _summary(reloaded) == _summary(first)


def test_registry_refits_a_model_from_another_version(tmp_path: Path) -> None:
    loader = Loader()
    models = _registry(tmp_path)
    models.load_or_fit(loader)
    models.forget()
    _rewrite_metadata(tmp_path, sklearn_version="0.0.1")
    models.load_or_fit(loader)
    assert loader.calls == 2
    assert load(tmp_path) is not None, "the refitted model was saved in the current version"


def test_registry_waits_for_a_first_candidate(tmp_path: Path) -> None:
    models = _registry(tmp_path)
    assert models.load_or_fit(list) is None
    assert models.ranker is None


def test_registry_remove_persists_erasure(tmp_path: Path) -> None:
    models = _registry(tmp_path)
    models.load_or_fit(Loader())
    assert models.remove("acct") is True
    models.forget()
    reloaded = load(tmp_path)
    assert "acct" not in reloaded
    assert "acct" not in (tmp_path / "pool.json").read_text()


def test_a_save_in_an_older_layout_is_a_load_error(fresh_ranker: Ranker, tmp_path: Path) -> None:
    from nedmatch.matching.persistence import TEXTS_FILE

    save(fresh_ranker, tmp_path)
    texts = json.loads((tmp_path / TEXTS_FILE).read_text(encoding="utf-8"))
    texts["fields"] = texts.pop("texts")  # an earlier layout used another key
    (tmp_path / TEXTS_FILE).write_text(json.dumps(texts), encoding="utf-8")
    with pytest.raises(ModelLoadError):
        load(tmp_path)
    assert ModelRegistry(tmp_path).load() is None


def _claims_by_candidate(ranker: Ranker) -> dict[object, frozenset[str]]:
    index = criteria.postings_for(ranker)
    rows = ranker.index_.rows
    return {rows.ids[i]: index.by_text[rows.fields[i]] for i in range(len(rows.ids))}


def test_a_loaded_model_has_its_claims_ready(fresh_ranker: Ranker, tmp_path: Path) -> None:
    """Criterion claims are saved beside the pool: a loaded model judges at once, with the
    same claims as the fitted one, and does not work them out again."""
    save(fresh_ranker, tmp_path)
    with mock.patch.object(
        criteria.pool, "text_claims", side_effect=AssertionError("worked out again")
    ):
        loaded = load(tmp_path)
    assert criteria.postings_for(loaded).rows == len(loaded)
    assert _claims_by_candidate(loaded) == _claims_by_candidate(fresh_ranker)


def test_claims_saved_under_other_rules_are_worked_out_again(
    fresh_ranker: Ranker, tmp_path: Path
) -> None:
    from nedmatch.matching.persistence import TEXTS_FILE

    save(fresh_ranker, tmp_path)
    file = tmp_path / TEXTS_FILE
    texts = json.loads(file.read_text(encoding="utf-8"))
    texts["claims"]["rules"] = "older rules"
    texts["claims"]["postings"] = {"role:lawyer": list(range(len(texts["ids"])))}
    file.write_text(json.dumps(texts), encoding="utf-8")
    loaded = load(tmp_path)
    assert _claims_by_candidate(loaded) == _claims_by_candidate(fresh_ranker)
