"""Image translation (re-rendering text in another language); comes with its own issue."""

__all__: list[str] = []
