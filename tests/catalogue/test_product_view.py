"""The forked product view (shop/catalogue/views.py): same page, fewer queries."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")
ProductAlert = get_model("customer", "ProductAlert")

pytestmark = pytest.mark.django_db


@pytest.fixture
def ana(django_user_model):
    return django_user_model.objects.create_user(username="ana", email="ana@example.com", password="pw-123456789")


def test_the_product_page_reads_no_alert_and_no_product_class_of_its_own(catalogue, ana):
    ProductAlert.objects.create(user=ana, product=Product.objects.get(upc="MAT-CLASSIC"))
    client = Client()
    client.force_login(ana)
    url = Product.objects.get(upc="MAT-CLASSIC").get_absolute_url()
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert "Classic Acupressure Mat" in response.content.decode()
    sql = [q["sql"] for q in queries.captured_queries]
    assert not [s for s in sql if "customer_productalert" in s]
    assert not [s for s in sql if s.startswith('SELECT "catalogue_productclass"')]


def test_a_variant_address_shows_its_parent_with_that_colour_chosen(catalogue):
    child = Product.objects.get(upc="MAT-CLASSIC-LOTUS-PINK")
    response = Client().get(child.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Classic Acupressure Mat" in html
    assert "Lotus Pink: " in html  # the stock line names the chosen colour


def test_a_hidden_product_is_still_not_found(catalogue):
    product = Product.objects.get(upc="PILLOW-NECK")
    product.is_public = False
    product.save()
    assert Client().get(product.get_absolute_url()).status_code == 404
