"""tradecheck.invest."""
