"""Product pictures drawn by the shop itself (no stock photos to license or download).

Each picture is a flat illustration of the product in its colour: a mat with its
rows of rosettes, the neck pillow, or both for a bundle. PNG, 960 × 720.
"""

import io
import math

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 960, 720
BACKGROUND = (246, 242, 236)


def _hex_to_rgb(value: str) -> tuple[int, int, int]:
    value = value.lstrip("#")
    return tuple(int(value[i : i + 2], 16) for i in (0, 2, 4))


def _lighter(rgb, amount=0.55):
    return tuple(int(c + (255 - c) * amount) for c in rgb)


def _rosette(draw, cx, cy, radius, colour):
    """A lotus-shaped cluster of spikes: a ring of petals around a centre point."""
    petal = radius * 0.42
    for i in range(6):
        angle = math.pi / 3 * i
        px, py = cx + math.cos(angle) * radius * 0.55, cy + math.sin(angle) * radius * 0.55
        draw.ellipse((px - petal, py - petal, px + petal, py + petal), fill=colour)
    draw.ellipse((cx - petal, cy - petal, cx + petal, cy + petal), fill=colour)


def _draw_mat(draw, box, colour):
    x0, y0, x1, y1 = box
    rgb = _hex_to_rgb(colour)
    draw.rounded_rectangle((x0 + 10, y0 + 14, x1 + 10, y1 + 14), radius=28, fill=(222, 215, 205))
    draw.rounded_rectangle(box, radius=28, fill=rgb)
    spike = _lighter(rgb)
    step = 46
    for row, y in enumerate(range(int(y0) + 40, int(y1) - 20, step)):
        offset = step / 2 if row % 2 else 0
        x = x0 + 40 + offset
        while x < x1 - 24:
            _rosette(draw, x, y, 15, spike)
            x += step


def _draw_pillow(draw, box, colour):
    x0, y0, x1, y1 = box
    rgb = _hex_to_rgb(colour)
    draw.rounded_rectangle((x0 + 8, y0 + 12, x1 + 8, y1 + 12), radius=(y1 - y0) // 2, fill=(222, 215, 205))
    draw.rounded_rectangle(box, radius=(y1 - y0) // 2, fill=rgb)
    spike = _lighter(rgb)
    step = 40
    for row, y in enumerate(range(int(y0) + 30, int(y1) - 14, step)):
        offset = step / 2 if row % 2 else 0
        x = x0 + 50 + offset
        while x < x1 - 40:
            _rosette(draw, x, y, 13, spike)
            x += step


def product_picture(kind: str, colour: str) -> bytes:
    """PNG bytes of a mat, pillow or bundle ("mat", "pillow", "bundle") in a hex colour."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    if kind == "mat":
        _draw_mat(draw, (140, 90, 820, 630), colour)
    elif kind == "pillow":
        _draw_pillow(draw, (150, 250, 810, 470), colour)
    elif kind == "bundle":
        _draw_mat(draw, (110, 60, 700, 560), colour)
        _draw_pillow(draw, (380, 470, 880, 650), colour)
    else:
        raise ValueError(f"Unknown product picture kind: {kind!r}")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
