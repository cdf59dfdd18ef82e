"""tradecheck.match.

Importing the package chooses which build of the hot modules runs, before any of
them is imported: the mypyc binaries when they match the sources, else the
sources (:mod:`tradecheck.match.native`).
"""

from tradecheck.match.native import select_build

select_build()
