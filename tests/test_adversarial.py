"""The adversarial corpus (tests/adversarial/, written for the tests; cases.yaml says what each
case must give): nothing a user feeds Tally stops a run. For each case: the exit code, every
problem reported with its file and line and a one-line cause, every good article stored, and
the warehouse's audits clean."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from filelock import FileLock
from typer.testing import CliRunner

from dashboard import ui
from etl import pipeline
from etl.cli import app
from tests.test_inputs import feed_server  # noqa: F401 (fixture: serves /drip.xml)
from warehouse import db as wdb

ADVERSARIAL = Path(__file__).resolve().parent / "adversarial"
CASES: list[dict[str, Any]] = yaml.safe_load((ADVERSARIAL / "cases.yaml").read_text(encoding="utf-8"))
TALLY = Path(sys.executable).with_name("tally")
runner = CliRunner()


def _can_mount() -> bool:
    """Whether this machine lets a process mount a tmpfs of its own (a user and mount namespace)."""
    if shutil.which("unshare") is None:
        return False
    return subprocess.run(["unshare", "-rm", "mount", "-t", "tmpfs", "tmpfs", "/tmp"],
                          capture_output=True).returncode == 0


def _run_on_mounted_disk(kind: str, inputs: list[str], tmp_path: Path) -> tuple[int, str, str]:
    """`tally etl` with its warehouse on a tmpfs mounted read-only or nearly full, in a private mount
    namespace (nothing outside this process tree sees the mount)."""
    if not _can_mount():
        pytest.skip("no user and mount namespaces here (unshare -rm): cannot make a read-only or full disk")
    mount = tmp_path / "disk"
    mount.mkdir()
    options = "ro" if kind == "read-only" else "size=64k"
    script = 'mount -t tmpfs -o "$1" tmpfs "$2" && shift 2 && exec "$@"'
    done = subprocess.run(
        ["unshare", "-rm", "sh", "-c", script, "sh", options, str(mount), str(TALLY), "etl", *inputs,
         "--db", str(mount / "tally.duckdb"), "--json"],
        capture_output=True, text=True, timeout=300,
    )
    return done.returncode, done.stdout, done.stderr


def _stored(db: Path) -> tuple[list[str], int, dict[str, int]]:
    """(texts of the stored articles, claims stored, failing audits) of a warehouse (none if absent)."""
    if not db.exists():
        return [], 0, {}
    with wdb.open_db(db, read_only=True) as con:
        texts = [r[0] for r in con.execute("SELECT text FROM articles").fetchall()]
        claims = con.execute("SELECT count(*) FROM claims").fetchone()[0]
        audits = {a.name: len(a.rows) for a in wdb.run_audits(con) if not a.ok}
    return texts, claims, audits


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_adversarial_case(case: dict[str, Any], tmp_path: Path, feed_server: str) -> None:  # noqa: F811
    drip = f"{feed_server}/drip.xml"
    inputs = [drip if i == "{drip}" else str(ADVERSARIAL / i) for i in case["inputs"]]
    args = [str(a) for a in case.get("args", [])]
    db = tmp_path / "wh" / "tally.duckdb"
    where = case.get("db", "file")

    if where in ("read-only", "full"):
        code, stdout, stderr = _run_on_mounted_disk(where, inputs, tmp_path)
    else:
        target = db
        held = None
        if where == "symlink-held":
            db.parent.mkdir(parents=True)
            target = tmp_path / "link.duckdb"
            target.symlink_to(db)
            held = FileLock(pipeline.etl_lock_path(db))  # another run holds the lock, by the real path
            held.acquire()
        with pytest.MonkeyPatch.context() as patch:
            if case.get("inject_bug"):
                def bug(con: Any) -> None:
                    raise ZeroDivisionError("division by zero")
                patch.setattr(pipeline, "run_audits", bug)
                patch.setattr("tempfile.tempdir", str(tmp_path))  # where the traceback goes
            try:
                result = runner.invoke(app, ["etl", *inputs, "--db", str(target), "--json", *args])
            finally:
                if held is not None:
                    held.release()
        code, stdout, stderr = result.exit_code, result.stdout, result.stderr
        assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), \
            result.exception

    assert code == case["exit"], (code, stdout, stderr)
    assert "Traceback" not in stderr
    if case["exit"] in (0, 1):
        summary = json.loads(stdout)
        got = sorted(summary["problems"])
        want = []
        for p in case.get("problems", []):
            file = drip if p["file"] == "{drip}" else str(ADVERSARIAL / p["file"])
            want.append((file if p["line"] is None else f"{file}:{p['line']}") + ": ")
        assert len(got) == len(want), got
        for line, (prefix, p) in zip(got, sorted(zip(want, case.get("problems", [])))):
            assert line.startswith(prefix) and p["says"] in line, (line, prefix, p["says"])
            assert "\n" not in line and len(line) < 400 + len(prefix)  # one line, a short cause
        assert summary["audit_failures"] == {}
        assert summary["articles_new"] == case["stored"]
    else:
        errors = [line for line in stderr.splitlines() if line.strip()]
        assert len(errors) == 1 and case["message"] in errors[0], stderr  # one line, a clear cause
        if case["exit"] == 3:
            written = Path(errors[0].rsplit("traceback written to ", 1)[1])
            assert written.is_file() and "ZeroDivisionError" in written.read_text()

    texts, claims, audits = _stored(db)
    assert len(texts) == case["stored"] and audits == {}
    if "claims" in case:
        assert claims == case["claims"]
    for secret in case.get("no_text", []):
        assert not any(secret in t for t in texts)
    if case.get("inert_cards"):
        claim_ids = [r[0] for r in wdb.connect(db, read_only=True).execute("SELECT claim_id FROM claims").fetchall()]
        from dashboard import data

        for claim in data.claims_by_id(db, tuple(claim_ids)).to_dict("records"):
            card = ui.provenance_card(claim)
            assert card.count("<a ") == 1 and "www.example.net" in card and "press@example.org" in card

    if where == "symlink-held":  # once the other run is done, the same command stores everything
        again = runner.invoke(app, ["etl", *inputs, "--db", str(tmp_path / "link.duckdb"), "--json"])
        assert again.exit_code == 0 and json.loads(again.stdout)["articles_new"] == 1
