"""/health tells a load balancer whether this server can serve, and a person on call which
model it ranks with beside the newest one published for every server."""

from __future__ import annotations

from flask.testing import FlaskClient

from nedmatch.extensions import db
from nedmatch.models import ModelArtifact


def test_health_names_the_published_model_before_any_is_loaded(client: FlaskClient) -> None:
    body = client.get("/health").get_json()
    assert body["status"] == "ok"
    assert body["model_published"] is None

    db.session.add(
        ModelArtifact(
            version="v-older", model_file=b"", arrays_file=b"", texts_file=b"", metadata_json={}
        )
    )
    db.session.add(
        ModelArtifact(
            version="v-newest", model_file=b"", arrays_file=b"", texts_file=b"", metadata_json={}
        )
    )
    db.session.commit()

    response = client.get("/health")
    body = response.get_json()
    assert body["model_published"] == "v-newest"
    # /health never loads a model itself: that would make a probe take seconds.
    assert body["model_version"] is None
    assert response.headers["Cache-Control"] == "no-store"
