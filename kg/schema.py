"""The catalogue file format: one JSON object per line (JSON lines).

Merchants write their own products in this format; the demo catalogue uses it too.
Each row is validated at the boundary with Pydantic; see ``docs/catalogue-format.md``.

A product row::

    {"id": "fw-trail-01", "category": "footwear", "brand": "Northpeak",
     "name": {"en": "Trail Runner GTX", "zh": "越野跑鞋 GTX"},
     "description": {"en": "...", "zh": "..."},
     "price": 89.0, "currency": "USD", "stock": 40,
     "attributes": {"colour": ["black", "blue"], "material": "mesh", "waterproof": true},
     "tags": ["running", "outdoor"], "image": "images/fw-trail-01.jpg"}
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

AttributeValue = str | int | float | bool | list[str]
OrderState = Literal["paid", "shipped", "delayed", "delivered", "returned"]
MembershipTier = Literal["basic", "silver", "gold", "platinum"]


class LocalisedText(BaseModel):
    """A text in English and, where known, Chinese."""

    model_config = ConfigDict(extra="forbid")
    en: str = Field(min_length=1)
    zh: str | None = None


class ProductRow(BaseModel):
    """One product of a catalogue file."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
    category: str = Field(min_length=1)
    category_path: list[str] = Field(
        default_factory=list, description="ancestor categories from the root, e.g. ['apparel']")
    brand: str = Field(min_length=1)
    name: LocalisedText
    description: LocalisedText
    price: float = Field(ge=0)
    currency: str = Field(default="USD", pattern=r"^[A-Z]{3}$")
    stock: int | None = Field(default=None, ge=0, description="None when the source has none")
    attributes: dict[str, AttributeValue] = Field(default_factory=dict)
    tags: list[str] = Field(default_factory=list)
    image: str | None = None

    @field_validator("attributes")
    @classmethod
    def _attribute_keys_are_snake_case(
        cls, value: dict[str, AttributeValue]
    ) -> dict[str, AttributeValue]:
        for key in value:
            if not key or not key.replace("_", "").isalnum() or key != key.lower():
                raise ValueError(f"attribute name {key!r} must be lower snake_case")
        return value


class FaqRow(BaseModel):
    """A frequently asked question with its answer."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(min_length=1)
    topic: Literal["shipping", "returns", "refunds", "warranty", "payment", "membership"]
    question: LocalisedText
    answer: LocalisedText


class ProfileRow(BaseModel):
    """A shopper profile. Credentials never live in catalogue files: a shopper signs in with
    a token from the principal store (``shopmind.identity``), whose id is the profile's id."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    membership: MembershipTier
    region: str = Field(min_length=1)
    language: Literal["en", "zh"]
    purchase_history: list[str] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _drop_credentials(cls, data: Any) -> Any:
        """Older catalogue files carried an ``api_token``: it is ignored, never trusted."""
        if isinstance(data, dict) and "api_token" in data:
            data = {k: v for k, v in data.items() if k != "api_token"}
        return data


class OrderLine(BaseModel):
    model_config = ConfigDict(extra="forbid")
    product_id: str
    quantity: int = Field(ge=1)
    unit_price: float = Field(ge=0)


class OrderRow(BaseModel):
    """An order of one shopper, with its state and dates (ISO 8601)."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(min_length=1)
    shopper_id: str
    state: OrderState
    lines: list[OrderLine] = Field(min_length=1)
    placed_at: str
    expected_delivery: str
    delay_reason: str | None = None

    @property
    def total(self) -> float:
        """What the order cost: unit price times quantity over its lines."""
        return sum(line.unit_price * line.quantity for line in self.lines)
