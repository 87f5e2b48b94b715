"""CV files are encrypted at rest with the key from the environment; files saved before
encryption are still read, and `flask data encrypt-cvs` encrypts them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet, InvalidToken
from flask import Flask

from config import BASE_DIR
from nedmatch import configure
from nedmatch.extensions import db
from nedmatch.models import CVDocument
from nedmatch.services.applications import cv
from tests.candidates.test_cv import make_pdf

from .conftest import CV_LINES, Person


def stored(app: Flask, name: str) -> Path:
    return Path(app.config["UPLOAD_FOLDER"], name)


def test_the_stored_file_does_not_hold_the_cv(app: Flask, person: Person) -> None:
    raw = stored(app, person.storage_name).read_bytes()

    for line in CV_LINES:
        assert line.encode() not in raw
    assert b"%PDF" not in raw
    assert cv.read(person.storage_name) == make_pdf(CV_LINES)
    # Another key cannot read it.
    app.config["CV_ENCRYPTION_KEY"], key = (
        Fernet.generate_key().decode(),
        app.config["CV_ENCRYPTION_KEY"],
    )
    try:
        with pytest.raises(InvalidToken):
            cv.read(person.storage_name)
    finally:
        app.config["CV_ENCRYPTION_KEY"] = key


def test_plain_files_from_before_are_read_and_encrypted(
    app: Flask, runner: Any, person: Person
) -> None:
    path = stored(app, person.storage_name)
    path.write_bytes(make_pdf(CV_LINES))  # as saved before encryption was added
    assert cv.read(person.storage_name) == make_pdf(CV_LINES)

    result = runner.invoke(args=["data", "encrypt-cvs"])
    again = runner.invoke(args=["data", "encrypt-cvs"])

    assert "Encrypted 1 plain CV file(s)" in result.output
    assert "Encrypted 0 plain CV file(s)" in again.output
    assert b"%PDF" not in path.read_bytes()
    assert cv.read(person.storage_name) == make_pdf(CV_LINES)


def test_keys_can_be_rotated(app: Flask, runner: Any, person: Person) -> None:
    old = app.config["CV_ENCRYPTION_KEY"]
    new = Fernet.generate_key().decode()
    app.config["CV_ENCRYPTION_KEY"] = f"{new},{old}"
    try:
        result = runner.invoke(args=["data", "encrypt-cvs"])
        assert "re-encrypted 1" in result.output
        app.config["CV_ENCRYPTION_KEY"] = new  # the old key can now be retired
        assert cv.read(person.storage_name) == make_pdf(CV_LINES)
    finally:
        app.config["CV_ENCRYPTION_KEY"] = old
    assert db.session.execute(db.select(CVDocument)).scalar_one()


def test_a_development_key_is_made_in_the_instance_folder(tmp_path: Path) -> None:
    app = Flask("nedmatch", instance_path=str(tmp_path))

    configure(app, "development", {"SQLALCHEMY_DATABASE_URI": "sqlite://"})

    key_file = tmp_path / "cv_encryption_key"
    assert app.config["CV_ENCRYPTION_KEY"] == key_file.read_text()
    Fernet(app.config["CV_ENCRYPTION_KEY"])  # a usable key
    assert key_file.stat().st_mode & 0o077 == 0  # readable by its owner only


def test_a_bad_key_stops_the_app_starting() -> None:
    code = (
        "import os; os.environ['CV_ENCRYPTION_KEY'] = 'not-a-key';"
        "from nedmatch import create_app; create_app('development')"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, capture_output=True, text=True, check=False
    )

    assert result.returncode != 0
    assert "CV_ENCRYPTION_KEY must be Fernet keys" in result.stderr
