"""Shopper profiles and orders, read from the catalogue folder.

A shopper is identified by their token (``shopmind.identity``), never by what they type;
orders are only ever returned to their owner.
"""

from __future__ import annotations

from pathlib import Path

from kg.catalog import read_jsonl
from kg.schema import OrderRow, ProfileRow
from shopmind.errors import NotFound


class AccountStore:
    """Profiles by token and orders by shopper. Loads ``profiles.jsonl`` and ``orders.jsonl``."""

    def __init__(self, catalog_dir: Path) -> None:
        self.catalog_dir = catalog_dir
        self._loaded = False
        self._profiles: dict[str, ProfileRow] = {}
        self._orders: dict[str, OrderRow] = {}

    def warm_up(self) -> None:
        if self._loaded:
            return
        profiles = read_jsonl(self.catalog_dir / "profiles.jsonl", ProfileRow).rows
        orders = read_jsonl(self.catalog_dir / "orders.jsonl", OrderRow).rows
        self._profiles = {p.id: p for p in profiles}
        self._orders = {o.id: o for o in orders}
        self._loaded = True

    def profiles(self) -> list[ProfileRow]:
        self.warm_up()
        return sorted(self._profiles.values(), key=lambda p: p.id)

    def profile(self, shopper_id: str) -> ProfileRow:
        self.warm_up()
        try:
            return self._profiles[shopper_id]
        except KeyError:
            raise NotFound(f"unknown shopper {shopper_id!r}") from None

    def orders_of(self, shopper_id: str) -> list[OrderRow]:
        self.warm_up()
        return sorted((o for o in self._orders.values() if o.shopper_id == shopper_id),
                      key=lambda o: o.placed_at, reverse=True)

    def order_for(self, shopper_id: str, order_id: str) -> OrderRow:
        """The order, if it belongs to ``shopper_id``; someone else's order is not found."""
        self.warm_up()
        order = self._orders.get(order_id.strip().upper())
        if order is None or order.shopper_id != shopper_id:
            raise NotFound(f"no order {order_id!r} on this account")
        return order
