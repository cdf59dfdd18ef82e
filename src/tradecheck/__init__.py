"""tradecheck: export-control, sanctions and outbound-investment compliance engine.

Decision support, not legal advice.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
