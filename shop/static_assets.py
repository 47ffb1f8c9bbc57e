"""Production storage for static files: the shop's own CSS and JS minified, then hashed and compressed by WhiteNoise.

`collectstatic` writes every file, the hashed copies too, through `_save`, so both names
serve the minified bytes and WhiteNoise gzips those. The hash in a name is the source
file's, as minifying is deterministic: a changed source still gets a new name. Only the
shop's folders (static/css, static/js) are minified: Oscar's and Django's files ship as
their authors built them.
"""

import rcssmin
import rjsmin
from django.core.files.base import ContentFile
from whitenoise.storage import CompressedManifestStaticFilesStorage

MINIFIERS = {".css": rcssmin.cssmin, ".js": rjsmin.jsmin}
SHOP_FOLDERS = ("css/", "js/")


def _minifier(name: str):
    """The minifier for one of the shop's own CSS or JS files, or None for any other file."""
    if not name.startswith(SHOP_FOLDERS) or ".min." in name:
        return None
    return next((minify for suffix, minify in MINIFIERS.items() if name.endswith(suffix)), None)


def minified(name: str, text: str) -> str | None:
    """The minified text of one of the shop's own CSS or JS files, or None for any other file."""
    minify = _minifier(name)
    return minify(text) if minify else None


class MinifiedCompressedManifestStaticFilesStorage(CompressedManifestStaticFilesStorage):
    def _save(self, name, content):
        minify = _minifier(name)
        if minify is not None:
            content.seek(0)
            content = ContentFile(minify(content.read().decode("utf-8")).encode("utf-8"))
        return super()._save(name, content)
