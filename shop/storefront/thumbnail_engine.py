"""sorl-thumbnail's Pillow engine, writing drawn pictures (few colours) as lossless WebP.

The shop's product pictures are flat illustrations (shop/product_images.py): as lossless
WebP a 720px one is about 3 kB against about 20 kB lossy at quality 82, and sharper.
A photograph has far more colours and stays lossy at the quality the layout asks for.
Counting colours stops at the limit, so the test costs about a millisecond.
"""

from io import BytesIO

from sorl.thumbnail.engines.pil_engine import Engine as PillowEngine

FLAT_COLOURS = 4096  # a resized drawing here has under 1,000; a photo tens of thousands


def is_drawing(image) -> bool:
    return image.getcolors(FLAT_COLOURS) is not None


class Engine(PillowEngine):
    def _get_raw_data(self, image, format_, quality, image_info=None, progressive=False):
        if format_ != "WEBP" or not is_drawing(image):
            return super()._get_raw_data(image, format_, quality, image_info, progressive)
        params = {"format": "WEBP", "lossless": True}
        if image_info and "icc_profile" in image_info:
            params["icc_profile"] = image_info["icc_profile"]
        buffer = BytesIO()
        image.save(buffer, **params)
        return buffer.getvalue()
