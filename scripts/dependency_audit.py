"""Check requirements.lock for known vulnerabilities with pip-audit; exit 1 when one is found.

pip-audit asks PyPI's vulnerability API about every locked version. When that API
cannot be reached (an offline CI machine), every package comes back "could not be
audited": this says so loudly and exits 0, so CI fails for a vulnerability and never
for a missing network. `--require-service` makes an unreachable API fail too.

    python scripts/dependency_audit.py [--lock requirements.lock] [--require-service]
"""

import argparse
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def audit(lock: Path) -> dict:
    result = subprocess.run(
        [sys.executable, "-m", "pip_audit", "--requirement", str(lock), "--no-deps", "--disable-pip",
         "--format", "json", "--progress-spinner", "off"],
        capture_output=True, text=True, timeout=900,
    )
    try:
        return json.loads(result.stdout)
    except json.JSONDecodeError:
        return {"error": (result.stderr or result.stdout)[-2000:], "dependencies": []}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lock", type=Path, default=REPO / "requirements.lock")
    parser.add_argument("--require-service", action="store_true")
    args = parser.parse_args(argv)
    report = audit(args.lock)
    dependencies = report.get("dependencies", [])
    vulnerable = [d for d in dependencies if d.get("vulns")]
    audited = [d for d in dependencies if "skip_reason" not in d]
    for dependency in vulnerable:
        for vuln in dependency["vulns"]:
            fixed = ", ".join(vuln.get("fix_versions") or []) or "no fixed version yet"
            print(f"VULNERABLE {dependency['name']} {dependency['version']}: {vuln['id']} (fixed in {fixed})")
    if vulnerable:
        return 1
    if not audited:
        reason = report.get("error") or (dependencies[0]["skip_reason"] if dependencies else "no output")
        print(f"WARNING: pip-audit could not reach the vulnerability service; nothing was audited.\n  {reason}")
        return 1 if args.require_service else 0
    skipped = len(dependencies) - len(audited)
    print(f"pip-audit: {len(audited)} locked packages audited, no known vulnerabilities"
          + (f" ({skipped} could not be audited)" if skipped else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
