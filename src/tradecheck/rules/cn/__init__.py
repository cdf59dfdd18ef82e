"""China's export controls: critical-mineral item lists, end-user overlays, party lists.

The evaluator (:func:`evaluate`) is registered in :data:`tradecheck.engine.REGIMES`;
the rules are data under ``data/rules/cn/``.
"""

from tradecheck.rules.cn.evaluator import evaluate

__all__ = ["evaluate"]
