"""Agents: JIMI (customer service), Li Bai (copy) and the studio (merchant jobs)."""

__all__ = ["jimi", "libai", "studio"]
