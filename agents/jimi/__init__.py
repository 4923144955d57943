"""JIMI, the customer-service robot."""

from agents.jimi.core import Jimi, Reply, Shopper
from agents.jimi.product_answers import describe_attribute

__all__ = ["Jimi", "Reply", "Shopper", "describe_attribute"]
