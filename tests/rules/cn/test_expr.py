"""Three-valued parameter tests: an unknown is never decided, and a decision is stable."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tradecheck.rules.cn.expr import evaluate
from tradecheck.rules.cn.spec import ItemSpec, ParamDef, item_specs

TESTED = [s for s in item_specs() if s.test is not None]


def _value(p: ParamDef) -> st.SearchStrategy[Any]:
    if p.type == "number":
        return st.floats(min_value=0, max_value=1000, allow_nan=False)
    if p.type == "number-list":
        return st.lists(
            st.floats(min_value=0, max_value=300, allow_nan=False), min_size=3, max_size=3
        )
    if p.type == "boolean":
        return st.booleans()
    if p.type == "enum":
        return st.sampled_from(p.values)
    return st.sampled_from(["14802-03-0", "7732-18-5"])


@st.composite
def spec_and_params(draw: st.DrawFn) -> tuple[ItemSpec, dict[str, Any], set[str], str | None]:
    spec = draw(st.sampled_from(TESTED))
    full = {name: draw(_value(p)) for name, p in spec.params.items()}
    known = draw(st.sets(st.sampled_from(sorted(full)))) if full else set()
    hs = draw(st.sampled_from([None, *(h.code for h in spec.hs)]))
    return spec, full, known, hs


@settings(max_examples=300, deadline=None)
@given(spec_and_params())
def test_a_decision_on_partial_facts_holds_with_all_facts(
    case: tuple[ItemSpec, dict[str, Any], set[str], str | None],
) -> None:
    spec, full, known, hs = case
    assert spec.test is not None
    partial = evaluate(spec.test, {k: full[k] for k in known}, hs)
    complete = evaluate(spec.test, full, hs)
    if partial.value is not None:
        assert complete.value is partial.value
    else:
        assert partial.missing  # an unknown always names what is missing


def test_unknown_names_every_missing_parameter_once() -> None:
    expr = {
        "all": [
            {"param": "a", "op": "gt", "value": 1},
            {
                "any": [
                    {"param": "a", "op": "lt", "value": 5},
                    {"param": "b", "op": "eq", "value": "x"},
                ]
            },
        ]
    }
    t = evaluate(expr, {}, None)
    assert t.value is None and t.missing == ["a", "b"]
    assert evaluate(expr, {"a": 0}, None).value is False
    assert evaluate(expr, {"a": 3}, None).value is True


def test_unresolved_is_never_decided_by_itself() -> None:
    t = evaluate({"any": [{"unresolved": "text not retrieved"}]}, {}, None)
    assert t.value is None and t.missing == ["text not retrieved"]
    assert (
        evaluate(
            {"all": [{"param": "a", "op": "eq", "value": 1}, {"unresolved": "x"}]}, {"a": 2}, None
        ).value
        is False
    )
