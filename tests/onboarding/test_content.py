"""What each email says: personalised from the order, the article's advice, headers, look."""

import re

import pytest

from shop.onboarding.content import onboarding_message_build
from tests.onboarding.factories import BUNDLE, CLASSIC_BLUE, LINEN_INDIGO, PILLOW, order_place

STEPS = ["welcome", "start_slowly", "positions", "build_up", "routine"]


def _render(order, step):
    message = onboarding_message_build(order=order, step=step, email="ada@example.com")
    return message, message.body, message.alternatives[0][0]


@pytest.fixture
def mat_only(catalogue):
    return order_place(upcs=[CLASSIC_BLUE])


def test_welcome_is_personal_and_carries_the_articles_first_advice(mat_only):
    message, text, html = _render(mat_only, "welcome")
    assert message.subject == f"Welcome, Ada: before your first session (order {mat_only.number})"
    for part in (text, html):
        assert "Hi Ada," in part
        assert str(mat_only.number) in part
        assert "Classic Acupressure Mat" in part and "Ocean Blue" in part
        assert "5–10 minutes" in part and "thin shirt" in part and "light cloth" in part
        assert "in Ocean Blue is on its way" in part  # no stray line break after the included name
        assert "sharp" in part and "warmth" in part
        assert "pregnancy" in part and "skin conditions" in part and "circulation problems" in part
        assert "healthcare professional" in part


def test_each_step_teaches_its_part_of_the_article(mat_only):
    _, text, _ = _render(mat_only, "start_slowly")
    assert "5–10 MINUTES A SESSION" in text and "thin shirt" in text
    _, text, _ = _render(mat_only, "positions")
    assert "knees bent" in text and "cushion under your knees" in text
    _, text, _ = _render(mat_only, "build_up")
    assert "20–30 minutes" in text and "bare skin" in text
    _, text, html = _render(mat_only, "routine")
    assert "after work or before bed" in text and "breathe slowly" in text and "calming music" in text
    comments = "https://shop.example/articles/benefits-of-acupressure-mats-for-back-pain/#comments"
    assert comments in text and f'href="{comments}"' in html


def test_mat_only_gets_no_neck_section_but_a_pointer_to_the_pillow(mat_only):
    _, text, _ = _render(mat_only, "positions")
    assert "FOR YOUR NECK" not in text
    assert "IF YOUR NECK NEEDS ATTENTION TOO" in text
    _, welcome, _ = _render(mat_only, "welcome")
    assert "YOUR NECK PILLOW" not in welcome


def test_mat_with_pillow_adds_the_neck_section(catalogue):
    order = order_place(upcs=[LINEN_INDIGO, PILLOW])
    _, text, html = _render(order, "positions")
    assert "Premium Linen Acupressure Mat in Indigo with the Neck Pillow Attachment" in text
    assert "FOR YOUR NECK: lie with the pillow attachment under your neck" in text
    assert "cervical spine" in html and "Neck Pillow Attachment" in html
    assert "IF YOUR NECK NEEDS ATTENTION TOO" not in text
    message, welcome, _ = _render(order, "welcome")
    assert "YOUR NECK PILLOW. Rest the curve of your neck on the pillow attachment" in welcome
    assert "Your set includes" not in welcome


def test_the_bundle_is_recognised(catalogue):
    order = order_place(upcs=[BUNDLE])
    _, text, html = _render(order, "welcome")
    assert "your Back & Neck Relief Set (Classic Acupressure Mat (Ocean Blue), Neck Pillow Attachment)" in text
    assert "Back &amp; Neck Relief Set" in html  # escaped in HTML, plain in text
    assert "Your set includes the pillow attachment" in text
    _, positions, _ = _render(order, "positions")
    assert "FOR YOUR NECK" in positions


def test_the_three_kinds_of_order_read_differently(catalogue):
    texts = {
        kind: _render(order_place(upcs=upcs), "positions")[1]
        for kind, upcs in {"mat": [CLASSIC_BLUE], "mat+pillow": [CLASSIC_BLUE, PILLOW], "bundle": [BUNDLE]}.items()
    }
    assert len(set(texts.values())) == 3


def test_a_customer_without_a_first_name_is_greeted_politely(catalogue):
    order = order_place(upcs=[CLASSIC_BLUE], first_name="")
    message, text, _ = _render(order, "welcome")
    assert "Hi there," in text
    assert message.subject.startswith("Welcome: before your first session")


@pytest.mark.parametrize("step", STEPS)
def test_every_email_has_unsubscribe_headers_its_own_sender_and_a_stable_message_id(mat_only, step, settings):
    message, text, html = _render(mat_only, step)
    assert message.from_email == "hello@shop.example" != settings.DEFAULT_FROM_EMAIL
    assert message.extra_headers["Message-ID"] == f"<onboarding.{mat_only.number}.{step}@shop.example>"
    assert _render(mat_only, step)[0].extra_headers["Message-ID"] == message.extra_headers["Message-ID"]
    link = re.fullmatch(r"<(https://shop\.example/onboarding/unsubscribe/[^/>]+/)>",
                        message.extra_headers["List-Unsubscribe"])
    assert link, message.extra_headers["List-Unsubscribe"]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "https://shop.example/onboarding/unsubscribe/" in text and 'href="https://shop.example/onboarding/unsubscribe/' in html
    # Readable without loading anything: no images, stylesheets or scripts from anywhere.
    assert not re.search(r"<img|<link|<script|url\(", html)
    assert "style=" in html
    raw = message.message().as_string()
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in raw


def test_links_use_the_sites_domain_over_https_when_no_base_url_is_set(mat_only, settings):
    from django.contrib.sites.models import Site

    settings.SHOP_BASE_URL = ""
    Site.objects.filter(pk=settings.SITE_ID).update(domain="mats.example")
    Site.objects.clear_cache()
    message, text, _ = _render(mat_only, "routine")
    assert message.extra_headers["List-Unsubscribe"].startswith("<https://mats.example/onboarding/unsubscribe/")
    assert "https://mats.example/articles/benefits-of-acupressure-mats-for-back-pain/#comments" in text
