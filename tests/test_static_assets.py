"""collectstatic in production: the shop's CSS and JS minified, hashed and gzipped; other files untouched."""

import gzip
import json
from pathlib import Path

import pytest
import rcssmin
import rjsmin
from django.conf import settings as django_settings
from django.core.management import call_command

from shop.static_assets import minified

SOURCE = Path(django_settings.BASE_DIR) / "static"


@pytest.fixture
def collected(settings, tmp_path):
    """The shop's own static folder collected with the production storage; its manifest."""
    settings.STATIC_ROOT = str(tmp_path / "static")
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "shop.static_assets.MinifiedCompressedManifestStaticFilesStorage"}}
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    call_command("collectstatic", interactive=False, verbosity=0)
    root = Path(settings.STATIC_ROOT)
    return root, json.loads((root / "staticfiles.json").read_text())["paths"]


@pytest.mark.parametrize("name", ["css/shop.css", "css/article.css", "js/shop.js", "js/form-token.js"])
def test_the_shops_css_and_js_are_served_minified_hashed_and_gzipped(collected, name):
    root, manifest = collected
    served = (root / manifest[name]).read_bytes()
    source = (SOURCE / name).read_text()
    assert len(served) < len(source.encode()) * 0.9
    assert b"/*" not in served and b"\n  " not in served
    assert gzip.decompress((root / (manifest[name] + ".gz")).read_bytes()) == served
    # The unhashed name (for templates outside Django's static tag) is minified too.
    assert (root / name).read_bytes() == served


def test_css_urls_still_point_at_hashed_files(collected):
    root, manifest = collected
    shop_css = (root / manifest["css/shop.css"]).read_text()
    for reference in ("url(", "@import"):
        for piece in shop_css.split(reference)[1:]:
            target = piece.split(")")[0].strip("'\" ")
            if target.startswith(("data:", "#", "http")):
                continue
            assert any(target.endswith(Path(hashed).name) for hashed in manifest.values()), target


def test_only_the_shops_own_css_and_js_are_minified():
    css = "a  {  color : red ; }\n/* note */\n"
    assert minified("css/shop.css", css) == rcssmin.cssmin(css) == "a{color:red}"
    assert minified("js/shop.js", "var  a = 1 ;\n// note\n") == rjsmin.jsmin("var  a = 1 ;\n// note\n")
    for name in ("oscar/css/styles.css", "admin/js/core.js", "js/vendor.min.js", "images/favicon.svg"):
        assert minified(name, css) is None


@pytest.mark.browser
def test_the_minified_scripts_still_parse_in_chromium(collected, page):
    root, manifest = collected
    for name in sorted(manifest):
        if name.startswith("js/"):
            code = (root / manifest[name]).read_text()
            assert page.evaluate("code => { new Function(code); return true; }", code), name
