"""The memory of what each report released (``models.DisclosureRelease``), so that a new
release is audited together with the earlier releases of the same report that differ
from it by a few people (``diversity.history``; docs/disclosure.md, "Releases over
time"). A release of exactly the same people as one already remembered is not stored
again: it shows nothing the earlier one did not."""

from __future__ import annotations

import hashlib
import hmac
import zlib
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
from flask import current_app
from sqlalchemy import delete, select

from ...diversity.disclosure import CellId, DisclosurePolicy, ShownCount
from ...diversity.history import Members, Prior, changes_between, is_near
from ...extensions import db
from ...models import DisclosureRelease

# The earlier releases a new one is audited with: the most recent near ones.
NEAR_RELEASES = 6
# Releases kept per report (1.4 MB each for a report of 100,000 people). An older one
# differs from today's by many releases' changes.
KEPT_RELEASES = 20


def scope_key(kind: str, scope: str, policy: DisclosurePolicy) -> str:
    return f"{kind}/{scope}/{policy.method}/{policy.threshold}"


def member_ids(people: Sequence[int], answers: Sequence[bytes]) -> list[int]:
    """Each person as a release remembers them: a 64-bit key from their id and their
    answers (so a change of answers is a change of member), keyed with MONITORING_KEY so
    it cannot be matched against a guess of the answers without it."""
    keyed = hmac.new(
        current_app.config["MONITORING_KEY"].encode(), b"release-member", hashlib.sha256
    )
    out = []
    for person, answer in zip(people, answers, strict=True):
        mac = keyed.copy()
        mac.update(f"{person}:".encode() + answer)
        out.append(int.from_bytes(mac.digest()[:8], "big") or 1)  # 0 means "no key"
    return out


def _hash(members: Members) -> str:
    digest = hashlib.sha256(members.keys.tobytes())
    digest.update(members.counts.astype(np.int64).tobytes())
    return digest.hexdigest()


def _pack(members: Members) -> bytes:
    """The width, the keys and the counts (small whole numbers) as bytes, compressed."""
    counts = np.clip(members.counts, 0, 255).astype(np.uint8)
    header = np.array([len(members), members.width], dtype=np.uint64).tobytes()
    return zlib.compress(header + members.keys.astype(np.uint64).tobytes() + counts.tobytes())


def _unpack(blob: bytes) -> Members:
    data = zlib.decompress(blob)
    size, width = (int(n) for n in np.frombuffer(data[:16], dtype=np.uint64))
    keys = np.frombuffer(data[16 : 16 + 8 * size], dtype=np.uint64)
    counts = np.frombuffer(data[16 + 8 * size :], dtype=np.uint8).reshape(size, width)
    return Members(keys.copy(), counts.astype(np.int64))


def _figures(shown: Mapping[CellId, ShownCount]) -> list[list[object]]:
    return [
        [*cell, s.value, s.suppressed, s.rounded, s.small, s.perturbed]
        for cell, s in sorted(shown.items())
    ]


def _shown(figures: Iterable[Sequence[object]]) -> dict[CellId, ShownCount]:
    out: dict[CellId, ShownCount] = {}
    for question, row, stage, value, suppressed, rounded, small, perturbed in figures:
        out[(str(question), str(row), str(stage))] = ShownCount(
            None if value is None else int(str(value)),
            suppressed=bool(suppressed),
            rounded=bool(rounded),
            small=bool(small),
            perturbed=bool(perturbed),
        )
    return out


def priors(key: str, members: Members, threshold: int) -> list[Prior]:
    """The earlier releases of this report that differ from ``members`` by 1 to
    threshold - 1 people at some stage, most recent first."""
    found: list[Prior] = []
    rows = db.session.execute(
        select(DisclosureRelease)
        .where(DisclosureRelease.scope_key == key)
        .order_by(DisclosureRelease.id.desc())
    ).scalars()
    for row in rows:
        before = _unpack(row.members)
        if before.width != members.width:
            continue  # counted over other stages: not the same report
        if is_near(members, before, threshold):
            found.append(Prior(_shown(row.figures), changes_between(members, before)))
            if len(found) == NEAR_RELEASES:
                break
    return found


def remember(key: str, members: Members, shown: Mapping[CellId, ShownCount]) -> None:
    """Store a release, unless the same people were released already; keep the most
    recent ``KEPT_RELEASES`` of each report."""
    digest = _hash(members)
    exists = db.session.execute(
        select(DisclosureRelease.id).where(
            DisclosureRelease.scope_key == key, DisclosureRelease.members_hash == digest
        )
    ).first()
    if exists is not None:
        return
    db.session.add(
        DisclosureRelease(
            scope_key=key, members_hash=digest, members=_pack(members), figures=_figures(shown)
        )
    )
    db.session.flush()
    old = (
        db.session.execute(
            select(DisclosureRelease.id)
            .where(DisclosureRelease.scope_key == key)
            .order_by(DisclosureRelease.id.desc())
            .offset(KEPT_RELEASES)
        )
        .scalars()
        .all()
    )
    if old:
        db.session.execute(delete(DisclosureRelease).where(DisclosureRelease.id.in_(old)))
    # Committed now, whatever the request does next (a download is a GET that commits
    # nothing else); without expiring what the caller holds, such as a job's row.
    session = db.session()
    expire = session.expire_on_commit
    session.expire_on_commit = False
    try:
        session.commit()
    finally:
        session.expire_on_commit = expire
