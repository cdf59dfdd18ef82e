"""tradecheck.api."""
