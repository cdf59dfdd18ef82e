"""tradecheck.exposure."""
