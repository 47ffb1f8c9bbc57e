"""One production-like stack shared by the smoke test and the fault drills (they run in order)."""

import shutil
import tempfile
from pathlib import Path

import pytest

from tests.production.stack import Stack, stack_available
from tests.support.services import require_service


@pytest.fixture(scope="package")
def stack():
    available, missing = stack_available()
    require_service(available, missing)
    workdir = Path(tempfile.mkdtemp(prefix="shop-stack-"))
    running = Stack(workdir=workdir)
    try:
        running.start()
        yield running
    except Exception:
        print(running.logs())
        raise
    finally:
        running.stop()
        shutil.rmtree(workdir, ignore_errors=True)
