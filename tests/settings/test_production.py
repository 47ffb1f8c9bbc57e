"""Production options: Sentry only with a DSN, media in a bucket only when one is named."""

import subprocess
import sys
from pathlib import Path

from tests.test_security import _deploy_check_env

ROOT = Path(__file__).resolve().parents[2]


def _production(tmp_path, code: str, **env):
    result = subprocess.run([sys.executable, "-c", "import django; django.setup(); " + code], cwd=ROOT,
                            env={**_deploy_check_env(tmp_path), **env}, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_sentry_is_on_only_when_its_dsn_is_set(tmp_path):
    code = "import sentry_sdk; print(sentry_sdk.get_client().is_active())"
    assert _production(tmp_path, code) == "False"
    assert _production(tmp_path, code, SENTRY_DSN="https://key@o0.ingest.sentry.io/1") == "True"


def test_media_goes_to_a_bucket_only_when_one_is_named(tmp_path):
    code = ("from django.conf import settings; s = settings.STORAGES['default'];"
            " print(s['BACKEND'], s.get('OPTIONS', {}).get('bucket_name'), settings.SERVE_MEDIA)")
    assert _production(tmp_path, code) == "django.core.files.storage.FileSystemStorage None True"
    assert _production(tmp_path, code, MEDIA_S3_BUCKET="shop-media",
                       MEDIA_S3_ENDPOINT_URL="https://s3.example") == "storages.backends.s3.S3Storage shop-media False"
