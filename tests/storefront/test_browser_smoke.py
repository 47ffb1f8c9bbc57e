"""The shop opens in a real browser and loads nothing from the internet."""

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_home_page_opens_offline(page, live_server, catalogue):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(live_server.url + "/")
    assert "Classic Acupressure Mat" in page.content()
    outside = [url for url in requests if not url.startswith(live_server.url) and not url.startswith("data:")]
    assert outside == []
