"""The lock file matches pyproject's pins, and the audit fails on a vulnerability, not on a missing network."""

import importlib.util
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("dependency_audit", ROOT / "scripts" / "dependency_audit.py")
dependency_audit = importlib.util.module_from_spec(spec)
spec.loader.exec_module(dependency_audit)


def _name(requirement: str) -> str:
    return re.sub(r"[-_.]+", "-", re.split(r"[\[=<>]", requirement)[0]).lower()


def test_every_pin_in_pyproject_is_in_the_lock_file_at_the_same_version():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pins = [*project["dependencies"], *project["optional-dependencies"]["dev"]]
    locked = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        if "==" in line and not line.startswith("#"):
            name, version = line.split("==")
            locked[_name(name)] = version.strip()
    mismatched = {_name(pin): (pin.split("==")[1], locked.get(_name(pin))) for pin in pins
                  if locked.get(_name(pin)) != pin.split("==")[1]}
    assert mismatched == {}, "run `make lock` after changing pyproject.toml"


def test_a_known_vulnerability_fails_the_audit(monkeypatch, capsys):
    monkeypatch.setattr(dependency_audit, "audit", lambda lock: {"dependencies": [
        {"name": "django", "version": "5.2.0", "vulns": [{"id": "PYSEC-0000-1", "fix_versions": ["5.2.1"]}]},
        {"name": "celery", "version": "5.7.0", "vulns": []},
    ]})
    assert dependency_audit.main([]) == 1
    assert "VULNERABLE django 5.2.0: PYSEC-0000-1 (fixed in 5.2.1)" in capsys.readouterr().out


def test_a_clean_audit_passes(monkeypatch, capsys):
    monkeypatch.setattr(dependency_audit, "audit", lambda lock: {"dependencies": [
        {"name": "celery", "version": "5.7.0", "vulns": []}]})
    assert dependency_audit.main([]) == 0
    assert "1 locked packages audited, no known vulnerabilities" in capsys.readouterr().out


def test_an_unreachable_vulnerability_service_warns_unless_required(monkeypatch, capsys):
    monkeypatch.setattr(dependency_audit, "audit", lambda lock: {"dependencies": [
        {"name": "celery", "skip_reason": "Dependency not found on PyPI and could not be audited"}]})
    assert dependency_audit.main([]) == 0
    assert "could not reach the vulnerability service" in capsys.readouterr().out
    assert dependency_audit.main(["--require-service"]) == 1
