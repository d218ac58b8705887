"""Operations files: the systemd unit (checked by systemd-analyze, which .ci/install.sh
installs), the compose file and its config, and the Dockerfile. Nothing is built and nothing
needs a network."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from mailbox_ingest.config import load_settings
from testkit.servers.fixtures import require_server

ROOT = Path(__file__).resolve().parent.parent
UNIT = ROOT / "deploy" / "mailbox-ingest.service"
INSTALLED = "/opt/mailbox-ingest/venv/bin/mailbox-ingest"


def unit_settings() -> dict[str, list[str]]:
    """The unit's keys and their values (a key may repeat), comments left out."""
    out: dict[str, list[str]] = {}
    for line in UNIT.read_text().splitlines():
        if "=" in line and not line.lstrip().startswith(("#", ";", "[")):
            key, _, value = line.partition("=")
            out.setdefault(key.strip(), []).append(value.strip())
    return out


def test_unit_has_the_hardening_and_restart_policy() -> None:
    """A dedicated user, a read-only system but for the state folders, secrets from a file."""
    unit = unit_settings()
    for key, value in {
        "ProtectSystem": "strict",
        "NoNewPrivileges": "yes",
        "PrivateTmp": "yes",
        "ProtectHome": "yes",
        "User": "mailbox-ingest",
        "Restart": "on-failure",
        "EnvironmentFile": "/etc/mailbox-ingest/secrets.env",
    }.items():
        assert unit[key] == [value], key
    writable = unit["ReadWritePaths"][0].split()
    assert f"/var/lib/{unit['StateDirectory'][0]}" in writable
    assert unit["ExecStart"] == [f"{INSTALLED} run"]
    assert unit["ExecStartPre"] == [f"{INSTALLED} db upgrade"]


def test_unit_passes_systemd_analyze_verify(tmp_path: Path) -> None:
    """`systemd-analyze verify` accepts the unit (with ExecStart pointing at this install)."""
    tool = shutil.which("systemd-analyze")
    if tool is None:
        require_server("systemd-analyze", "not installed (.ci/install.sh installs systemd)")
    script = Path(sys.executable).with_name("mailbox-ingest")
    assert script.exists()
    copy = tmp_path / UNIT.name
    copy.write_text(UNIT.read_text().replace(INSTALLED, str(script)))
    result = subprocess.run(
        [tool, "verify", str(copy)], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0 and not result.stderr.strip() and not result.stdout.strip(), (
        result.stdout + result.stderr
    )


def test_unit_with_a_typo_is_refused(tmp_path: Path) -> None:
    """The verify step above can fail: an unknown key is reported."""
    tool = shutil.which("systemd-analyze")
    if tool is None:
        require_server("systemd-analyze", "not installed (.ci/install.sh installs systemd)")
    script = Path(sys.executable).with_name("mailbox-ingest")
    copy = tmp_path / UNIT.name
    copy.write_text(
        UNIT.read_text()
        .replace(INSTALLED, str(script))
        .replace("ProtectSystem=strict", "ProtectSytem=strict")
    )
    result = subprocess.run(
        [tool, "verify", str(copy)], capture_output=True, text=True, timeout=60, check=False
    )
    assert "Unknown key 'ProtectSytem'" in result.stderr


def test_compose_runs_the_daemon_against_postgresql() -> None:
    """The compose file parses; the daemon waits for a healthy PostgreSQL and mounts its config."""
    compose = yaml.safe_load((ROOT / "deploy" / "compose.yaml").read_text())
    db, app = compose["services"]["db"], compose["services"]["mailbox-ingest"]
    assert db["image"].startswith("postgres:") and "healthcheck" in db
    assert app["depends_on"] == {"db": {"condition": "service_healthy"}}
    assert (ROOT / "deploy" / app["build"]["context"] / app["build"]["dockerfile"]).is_file()
    mounts = {m.split(":")[1]: m.split(":")[0] for m in app["volumes"]}
    config = ROOT / "deploy" / mounts["/etc/mailbox-ingest/config.toml"]
    settings = load_settings(config)
    assert settings.database.url.startswith("postgresql+psycopg://mailbox@db/")
    assert settings.mailbox.oauth2 is not None and settings.mailbox.oauth2.provider == "microsoft"
    assert app["ports"] == [f"127.0.0.1:{settings.web.port}:8000"]
    assert set(compose["volumes"]) == {"db", "state"}


def test_dockerfile_installs_tesseract_and_runs_unprivileged() -> None:
    """Debian slim, Dutch OCR data, every copied folder exists, a non-root user, upgrade first."""
    text = (ROOT / "Dockerfile").read_text()
    assert re.search(r"^FROM python:3\.\d+-slim-bookworm$", text, re.M)
    assert "tesseract-ocr-nld" in text
    for source in re.findall(r"^COPY (\S+) ", text, re.M):
        assert (ROOT / source).exists(), source
    assert re.search(r"^USER mailbox-ingest$", text, re.M)
    assert text.strip().endswith(
        'CMD ["sh", "-c", "mailbox-ingest db upgrade && exec mailbox-ingest run"]'
    )
