"""JIMI, the customer-service robot."""

from agents.jimi.context import Reply, Shopper
from agents.jimi.core import Jimi
from agents.jimi.product_answers import describe_attribute

__all__ = ["Jimi", "Reply", "Shopper", "describe_attribute"]
