"""The shop's starting catalogue, as data: what the setup command creates once.

Prices are in the shop currency. Stock levels are only the starting stock: once a
product exists the setup command never touches it again, so sales and staff edits
in the dashboard are kept.
"""

from decimal import Decimal

PARTNER = {"code": "stillpoint-warehouse", "name": "Stillpoint Warehouse"}

CATEGORIES = [
    {"slug": "mats", "name": "Acupressure mats",
     "description": "Full-size mats with thousands of acupressure points, for the back, shoulders and legs."},
    {"slug": "pillows", "name": "Pillow attachments",
     "description": "Acupressure pillows that support the neck and reach the cervical spine."},
    {"slug": "bundles", "name": "Bundles",
     "description": "A mat and a pillow together, for the whole back and neck, for less."},
]

# Attributes a buyer compares, shared by the product classes that use them.
ATTRIBUTES = {
    "colour": {"name": "Colour", "type": "option"},
    "size": {"name": "Size", "type": "text"},
    "acupressure_points": {"name": "Acupressure points", "type": "integer"},
    "rosettes": {"name": "Rosettes", "type": "integer"},
    "filling": {"name": "Filling", "type": "text"},
    "cover_fabric": {"name": "Cover fabric", "type": "text"},
    "weight_kg": {"name": "Weight (kg)", "type": "float"},
    "washable_cover": {"name": "Removable washable cover", "type": "boolean"},
    "contents": {"name": "In the box", "type": "text"},
}

COLOURS = {
    "Lotus Pink": "#c96b86",
    "Ocean Blue": "#2f5f8a",
    "Forest Green": "#3f6b47",
    "Charcoal": "#34373c",
    "Natural Linen": "#b9a27a",
    "Indigo": "#2e3a63",
    "Sage": "#7d9478",
}

PRODUCT_CLASSES = [
    {"slug": "acupressure-mat", "name": "Acupressure mat",
     "attributes": ["colour", "size", "acupressure_points", "rosettes", "filling",
                    "cover_fabric", "weight_kg", "washable_cover"]},
    {"slug": "pillow-attachment", "name": "Pillow attachment",
     "attributes": ["size", "acupressure_points", "rosettes", "filling", "cover_fabric",
                    "weight_kg", "washable_cover"]},
    {"slug": "bundle", "name": "Bundle",
     "attributes": ["contents", "acupressure_points", "weight_kg", "washable_cover"]},
]

PRODUCTS = [
    {
        "upc": "MAT-CLASSIC",
        "title": "Classic Acupressure Mat",
        "product_class": "acupressure-mat",
        "category": "mats",
        "priority": 50,
        "description": (
            "Our best-selling mat: 210 lotus-shaped rosettes on a firm foam core that keeps "
            "its shape under your back. The organic cotton cover zips off for washing."
        ),
        "attributes": {"size": "68 × 42 cm", "acupressure_points": 6210, "rosettes": 210,
                       "filling": "High-density foam", "cover_fabric": "Organic cotton",
                       "weight_kg": 0.8, "washable_cover": True},
        "price": Decimal("39.00"),
        "variants": [
            {"colour": "Ocean Blue", "stock": 25},
            {"colour": "Lotus Pink", "stock": 25},
            {"colour": "Forest Green", "stock": 20},
            {"colour": "Charcoal", "stock": 3},
        ],
    },
    {
        "upc": "MAT-LINEN",
        "title": "Premium Linen Acupressure Mat",
        "product_class": "acupressure-mat",
        "category": "mats",
        "priority": 40,
        "description": (
            "A larger mat with 294 rosettes, a natural coconut-fibre filling that moulds to "
            "the curve of your spine and a breathable linen cover."
        ),
        "attributes": {"size": "75 × 45 cm", "acupressure_points": 8820, "rosettes": 294,
                       "filling": "Coconut fibre", "cover_fabric": "Linen",
                       "weight_kg": 1.1, "washable_cover": True},
        "price": Decimal("59.00"),
        "variants": [
            {"colour": "Natural Linen", "stock": 15},
            {"colour": "Indigo", "stock": 12},
            {"colour": "Sage", "stock": 0},
        ],
    },
    {
        "upc": "MAT-FULL",
        "title": "Full-Length Acupressure Mat",
        "product_class": "acupressure-mat",
        "category": "mats",
        "priority": 30,
        "description": (
            "From shoulders to calves in one piece: 390 rosettes over 130 cm for people who "
            "want the whole back and the legs covered."
        ),
        "attributes": {"size": "130 × 50 cm", "acupressure_points": 11700, "rosettes": 390,
                       "filling": "High-density foam", "cover_fabric": "Organic cotton",
                       "weight_kg": 1.6, "washable_cover": True},
        "price": Decimal("79.00"),
        "variants": [
            {"colour": "Ocean Blue", "stock": 8},
            {"colour": "Charcoal", "stock": 8},
        ],
    },
    {
        "upc": "PILLOW-NECK",
        "title": "Acupressure Neck Pillow Attachment",
        "product_class": "pillow-attachment",
        "category": "pillows",
        "priority": 20,
        "description": (
            "A firm buckwheat-filled pillow covered in rosettes that fits the curve of your "
            "neck and targets the cervical spine. Use it on its own or with any of our mats."
        ),
        "attributes": {"size": "37 × 13 × 10 cm", "acupressure_points": 1782, "rosettes": 54,
                       "filling": "Buckwheat hulls", "cover_fabric": "Organic cotton",
                       "weight_kg": 0.6, "washable_cover": True},
        "price": Decimal("24.00"),
        "colour": "Ocean Blue",
        "stock": 40,
    },
    {
        "upc": "BUNDLE-BACK-NECK",
        "title": "Back & Neck Relief Set",
        "product_class": "bundle",
        "category": "bundles",
        "priority": 10,
        "description": (
            "The Classic Acupressure Mat in Ocean Blue with the Neck Pillow Attachment, in "
            "one box, for the whole length of your spine."
        ),
        "attributes": {"contents": "Classic Acupressure Mat (Ocean Blue), Neck Pillow Attachment",
                       "acupressure_points": 7992, "weight_kg": 1.4, "washable_cover": True},
        "price": Decimal("55.00"),
        "colour": "Ocean Blue",
        "stock": 10,
    },
]

SHIPPING_METHODS = [
    {"code": "standard", "name": "Standard shipping", "description": "3–5 business days.",
     "price_per_order": Decimal("5.95"), "free_over_threshold": True},
    {"code": "express", "name": "Express shipping", "description": "1–2 business days.",
     "price_per_order": Decimal("14.95"), "free_over_threshold": False},
]

SHIPPING_COUNTRIES = [
    {"iso_3166_1_a2": "US", "iso_3166_1_a3": "USA", "iso_3166_1_numeric": "840",
     "printable_name": "United States", "name": "United States of America", "display_order": 10},
    {"iso_3166_1_a2": "CA", "iso_3166_1_a3": "CAN", "iso_3166_1_numeric": "124",
     "printable_name": "Canada", "name": "Canada", "display_order": 5},
]

MAT_WITH_PILLOW_OFFER = {
    "name": "Mat + pillow: 20% off the pillow attachment",
    "slug": "mat-and-pillow",
    "description": "Buy any acupressure mat and get 20% off a neck pillow attachment.",
    "percent_off": Decimal("20"),
}
