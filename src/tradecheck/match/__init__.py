"""tradecheck.match."""
