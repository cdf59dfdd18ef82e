"""Access control: API keys with roles, stored only as hashes.

Import :mod:`tradecheck.access.keys` by name (the store's migrations import the
audit tables, and this package stays free of import cycles the same way).
"""
