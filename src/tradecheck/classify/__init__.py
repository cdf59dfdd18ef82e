"""tradecheck.classify."""
