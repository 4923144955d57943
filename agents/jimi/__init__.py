"""JIMI, the customer-service robot."""

from agents.jimi.core import Jimi, describe_attribute

__all__ = ["Jimi", "describe_attribute"]
