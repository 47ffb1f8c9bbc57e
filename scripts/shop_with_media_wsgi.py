"""The shop's WSGI app plus uploaded pictures under /media/, as the production web server serves them.

For scripts/lighthouse.py only: with DEBUG off Django does not serve MEDIA_ROOT, and a
page measured without its product pictures would not be the page shoppers get.
"""

from django.conf import settings
from whitenoise import WhiteNoise

from shop.wsgi import application as shop_application

# autorefresh: sorl-thumbnail writes thumbnails after start-up.
application = WhiteNoise(shop_application, max_age=60 * 60 * 24 * 365, autorefresh=True)
application.add_files(str(settings.MEDIA_ROOT), prefix="media/")
