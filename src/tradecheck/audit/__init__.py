"""The audit trail: every determination with its input, output, key, time and versions.

The log is append-only and hash-chained (:mod:`tradecheck.audit.log`): each
record's hash covers its content and the previous record's hash, so an edited,
deleted or reordered record is found by :func:`tradecheck.audit.log.verify_chain`.
:mod:`tradecheck.audit.actions` runs the audited actions (screen, classify, check,
invest) through the same service functions the CLI calls, and
:mod:`tradecheck.audit.replay` re-runs a recorded one.

The submodules are imported by name: the store's migrations import
:mod:`tradecheck.audit.tables`, so this package must not import the store itself.
"""
