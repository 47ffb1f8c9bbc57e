"""robots.txt: search engines index the catalogue and the article, not anyone's basket or checkout."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_robots_txt_keeps_crawlers_out_of_baskets_checkout_and_accounts():
    response = Client().get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    rules = response.content.decode().splitlines()
    assert rules[0] == "User-agent: *"
    for private in ("/basket/", "/checkout/", "/accounts/", "/dashboard/", "/admin/"):
        assert f"Disallow: {private}" in rules
    assert not any(rule.startswith("Disallow: /catalogue") or rule == "Disallow: /" for rule in rules)
