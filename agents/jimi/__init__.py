"""JIMI, the customer-service robot."""

from agents.jimi.core import Jimi, Reply, Shopper, describe_attribute

__all__ = ["Jimi", "Reply", "Shopper", "describe_attribute"]
