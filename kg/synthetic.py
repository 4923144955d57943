"""A synthetic catalogue of any size for scale benchmarks: a category tree, thousands of
brands, tags and structured attributes whose words also appear in titles and descriptions,
so mining has something to find. Deterministic for a seed; rows are generated lazily.

Example::

    for row in synthetic_products(1_000_000, seed=1): ...
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from kg.schema import LocalisedText, ProductRow

DEPARTMENTS = ("apparel", "footwear", "drinks", "kitchen", "electronics", "home", "outdoor",
               "beauty", "toys", "sports", "books", "garden", "pets", "office", "baby",
               "automotive", "tools", "music", "health", "travel")
NOUNS = ("jacket", "shoe", "bottle", "mug", "kettle", "lamp", "speaker", "backpack", "tent",
         "shirt", "boot", "cable", "charger", "headphones", "pan", "vase", "cushion", "towel",
         "blanket", "watch", "scarf", "glove", "sock", "bag", "case", "stand", "brush")
ADJECTIVES = ("classic", "urban", "trail", "compact", "deluxe", "everyday", "pro", "lite",
              "smart", "cozy", "rapid", "quiet", "bold", "pure", "nordic", "summit", "coastal")
COLOURS = ("black", "white", "grey", "navy", "blue", "red", "green", "olive", "beige",
           "brown", "pink", "yellow", "orange", "purple", "silver")
MATERIALS = ("cotton", "organic cotton", "linen", "wool", "merino wool", "leather", "mesh",
             "polyester", "stainless steel", "ceramic", "glass", "bamboo", "aluminium",
             "silicone", "nylon", "cast iron", "recycled polyester", "canvas", "oak", "rubber")
TAGS = tuple(f"tag{i:03d}" for i in range(200)) + (
    "running", "outdoor", "hiking", "gift", "summer", "winter", "travel", "office", "kids")


def synthetic_products(count: int, seed: int = 1) -> Iterator[ProductRow]:
    rng = random.Random(seed)
    categories = [(d, f"{d}-{i:02d}") for d in DEPARTMENTS for i in range(10)]
    brands = [f"Brand{i:04d}" for i in range(2000)]
    for index in range(count):
        yield _product(index, rng, categories, brands)


def _product(index: int, rng: random.Random, categories: list[tuple[str, str]],
             brands: list[str]) -> ProductRow:
    department, category = categories[index % len(categories)]
    noun, adjective = rng.choice(NOUNS), rng.choice(ADJECTIVES)
    colours = rng.sample(COLOURS, rng.randint(1, 3))
    material = rng.choice(MATERIALS)
    capacity = rng.choice((250, 350, 500, 750, 1000))
    waterproof = rng.random() < 0.2
    name = f"{adjective.title()} {material.title()} {noun.title()} {index}"
    description = (f"A {adjective} {noun} in {material}, {capacity} ml"
                   f"{', waterproof' if waterproof else ''}, in {' and '.join(colours)}.")
    attributes: dict[str, object] = {"colour": colours, "material": material,
                                     "capacity_ml": capacity}
    if waterproof:
        attributes["waterproof"] = True
    return ProductRow.model_validate({
        "id": f"syn-{index:07d}", "category": category, "category_path": [department],
        "brand": rng.choice(brands), "name": LocalisedText(en=name), "stock": rng.randint(0, 500),
        "description": LocalisedText(en=description), "price": round(rng.uniform(3, 400), 2),
        "attributes": attributes, "tags": rng.sample(TAGS, rng.randint(2, 5)),
    })
