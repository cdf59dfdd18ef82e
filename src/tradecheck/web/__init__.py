"""tradecheck.web."""
