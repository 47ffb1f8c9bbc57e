"""In Chromium: each picture's `sizes` matches the width shop.css lays it out at, and the file chosen fits the screen.

Phones and desktops of different pixel densities are emulated through the DevTools
protocol, the browser cache off, so every page load picks its files afresh.
"""

import pytest
from django.conf import settings
from oscar.core.loading import get_model

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Product = get_model("catalogue", "Product")

SCREENS = [  # width, height, device pixel ratio, mobile
    (390, 844, 3, True),  # a recent phone
    (412, 823, 1.75, True),  # Lighthouse's mobile emulation
    (1000, 800, 1, False),
    (1280, 900, 2, False),  # a high-density laptop
]

# For each picture: the slot its `sizes` gives at this viewport (a hidden probe is as wide
# as the first matching length), the width it is laid out at, and the width of the file
# the browser took.
MEASURE = r"""
(img) => {
    const probe = document.createElement("div");
    probe.style.cssText = "position:absolute;visibility:hidden;height:0";
    document.body.appendChild(probe);
    let length = null;
    for (const part of img.sizes.split(",").map((s) => s.trim())) {
        const match = part.match(/^(\(.*\))\s+(.+)$/);
        if (!match) { length = part; break; }
        if (window.matchMedia(match[1]).matches) { length = match[2]; break; }
    }
    probe.style.width = length;
    const slot = probe.getBoundingClientRect().width;
    probe.remove();
    // naturalWidth is scaled by the chosen candidate's density: read the file's width
    // from its `w` descriptor instead.
    const path = new URL(img.currentSrc).pathname;
    const chosen = img.srcset.split(",").map((s) => s.trim().split(/\s+/)).find(([url]) => url === path);
    return {slot, rendered: img.getBoundingClientRect().width, file: chosen ? parseInt(chosen[1]) : null,
            current: img.currentSrc, srcset: img.srcset};
}
"""


def emulate(page, width, height, ratio, mobile):
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Emulation.setDeviceMetricsOverride",
             {"width": width, "height": height, "deviceScaleFactor": ratio, "mobile": mobile})


def widths_offered(srcset):
    return sorted(int(candidate.split()[1][:-1]) for candidate in srcset.split(","))


def check(measured, ratio, label):
    slot, rendered, natural = measured["slot"], measured["rendered"], measured["file"]
    # `sizes` never says less than the layout (a blurry file), nor far more (a heavy one).
    assert rendered <= slot * 1.03 + 1, f"{label}: laid out at {rendered}px, sizes says {slot}px"
    assert slot <= rendered * 1.5, f"{label}: laid out at {rendered}px, sizes says {slot}px"
    # The file taken is about the screen's pixels for that slot: within what the widths allow.
    offered = widths_offered(measured["srcset"])
    assert natural in offered, f"{label}: {measured['current']} is {natural}px wide"
    needed = rendered * ratio
    assert natural >= min(needed * 0.85, offered[-1]), f"{label}: {natural}px file for {needed:.0f} screen pixels"
    assert natural <= max(needed * 1.6, offered[0]), f"{label}: {natural}px file for {needed:.0f} screen pixels"


@pytest.mark.parametrize("width, height, ratio, mobile", SCREENS)
def test_pictures_fit_their_slot_on_phones_and_desktops(page, live_server, catalogue, width, height, ratio, mobile):
    assert settings.SERVE_MEDIA  # the live server answers /media/ itself
    emulate(page, width, height, ratio, mobile)

    page.goto(live_server.url + "/")
    page.wait_for_load_state("load")
    cards = page.locator(".product-card img")
    assert cards.count() == 5
    for index in range(3):  # the first row, loaded at once
        check(cards.nth(index).evaluate(MEASURE), ratio, f"home card {index + 1} at {width}px")

    mat = Product.objects.get(upc="MAT-CLASSIC")
    page.goto(live_server.url + mat.get_absolute_url())
    page.wait_for_load_state("load")
    check(page.locator("[data-gallery-main]").evaluate(MEASURE), ratio, f"product picture at {width}px")
    thumb = page.locator(".gallery-thumbs img").first
    thumb.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=thumb.element_handle())
    check(thumb.evaluate(MEASURE), ratio, f"gallery thumbnail at {width}px")
