"""Where people use Shopmind: the HTTP API, the Gradio UI and the CLI."""

__all__ = ["api", "cli", "web"]
