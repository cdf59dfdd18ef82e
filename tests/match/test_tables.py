"""The matcher's tables (match/tables.py): the word list read without YAML is YAML's."""

from __future__ import annotations

import yaml
from hypothesis import given
from hypothesis import strategies as st

from tradecheck.match.tables import (
    common_names,
    generated_word_list,
    load_table,
    read_generated_list,
)

_HEAD = "# generated\nversion: 1\ncount: 3\n"


def _yaml_words(text: str) -> object:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return "not YAML"
    return data.get("words") if isinstance(data, dict) else "not a mapping"


def test_common_names_read_as_yaml_reads_them() -> None:
    words = generated_word_list("common_names.yaml", "words")
    assert words is not None  # the generated file takes the fast path
    assert words == load_table("common_names.yaml")["words"]
    assert common_names() == frozenset(str(w) for w in load_table("common_names.yaml")["words"])


# Words YAML would read as something else unquoted ("no", "null", "1e3", "~", ": a").
_TRICKY = st.sampled_from(["no", "yes", "on", "null", "~", "1e3", "0x1f", ": a", "#a", "- a", ""])
_PRINTABLE = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=8)


@given(st.lists(_TRICKY | _PRINTABLE.filter(lambda w: '"' not in w and "\\" not in w), min_size=1))
def test_generated_list_is_what_yaml_reads(words: list[str]) -> None:
    text = _HEAD + "words:\n" + "".join(f'  - "{w}"\n' for w in words)
    assert read_generated_list(text, "words") == words == _yaml_words(text)


# Lines as a generator would not write them: the fast reader declines or agrees with YAML.
_LINE = st.sampled_from(
    [
        '  - "ab"',
        '  - "a\\"b"',
        '  - "a\\\\b"',
        "  - 'ab'",
        "  - ab",
        "  - no",
        '  - "a\tb"',
        '  - "é"',
        "  # a comment",
        "",
        '  - "a',
        'b"',
        "...",
        "words: []",
        '- "ab"',
        '    - "ab"',
        '  - "ab"\r',
    ]
)


@given(st.lists(_LINE, max_size=6), st.sampled_from(["\n", ""]), st.booleans())
def test_other_writing_falls_back_to_yaml(lines: list[str], end: str, key_in_head: bool) -> None:
    head = _HEAD + ("words: [x]\n" if key_in_head else "")
    text = head + "words:\n" + "\n".join(lines) + end
    fast = read_generated_list(text, "words")
    if fast is not None:
        assert fast == _yaml_words(text)
