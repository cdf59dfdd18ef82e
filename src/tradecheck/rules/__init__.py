"""tradecheck.rules."""
