"""The candidate index's inner loops, as plain functions compiled with mypyc.

:class:`tradecheck.match.index.Index` stays a Python class (it is weakly referenced,
which a compiled class cannot be), so the loops that run for every query live here,
over the index's containers passed in: gathering the keys of a query and what
each brings in, and finding a new token's typo and sound-alike neighbours.
(The candidates are counted by :mod:`tradecheck.match.tally`.)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Final

from tradecheck.match.abjad import ABJAD_SIM, MARK, script_keys, spells
from tradecheck.match.phonetic import phonetic_key
from tradecheck.match.similarity import (
    allowed_edits,
    scheme_marked,
    scheme_reading,
    similarities_to,
)
from tradecheck.match.spelling import osa_distance

#: An entity's runner-up record is scored only when its overlap is at least this
#: share of the entity's best (those further behind were never found to score higher
#: on a sample of 20,000 benchmark queries; each costs a full scoring).
RUNNER_UP_SHARE: Final = 0.75


#: A query token's entry (:meth:`tradecheck.match.index.Index.candidates`): a flat tuple
#: ``(joined_start, joined_end, flags, vid, weight, vid, weight, ...)`` — the slice of
#: the joined-key map's data the token brings in as adjacent listed tokens joined
#: (-1, -1: none), whether it begins (:data:`PREFIX`) or ends (:data:`SUFFIX`) a
#: longer listed token, and its neighbours' vocabulary ids with their weights (the
#: id's rarity times the similarity), the nearest first.
Entry = tuple[Any, ...]
#: Entry flag: the token is the start of a longer listed token.
PREFIX: Final = 1
#: Entry flag: the token is the end of a longer listed token.
SUFFIX: Final = 2
#: Where an entry's neighbours begin.
HITS: Final = 3


class Gathered:
    """The keys of one query form: postings to count and their weights, common keys."""

    def __init__(self) -> None:
        self.lists: list[Sequence[int]] = []
        self.weights: list[float] = []
        self.common: list[tuple[int, float]] = []
        self.q_idf = 0.0
        self.total = 0


def token_entry(
    cache: dict[str, Entry],
    cache_max: int,
    hits: Callable[[str], tuple[tuple[int, float], ...]],
    vocab: dict[str, int],
    joined: tuple[dict[str, int], Sequence[int]],
    join_flags: Sequence[int],
    kept: tuple[Sequence[int], Sequence[int], Sequence[float]] | None,
    idf: list[float],
    token: str,
) -> Entry:
    """``token``'s :data:`Entry`, made and put in ``cache`` (emptied when it holds more
    than ``cache_max``).

    Its slice of the joined-key map (``joined``: keys, offsets), whether it begins or
    ends a longer listed token (``join_flags`` by vocabulary id; a token not listed
    may be either), and its neighbours weighted by their rarity (``idf``): those
    kept for a listed token (``kept``: offsets, ids, similarities by vocabulary id;
    None when the index keeps none), else ``hits(token)``. (The token comes last:
    the index binds the rest once, with :func:`functools.partial`.)
    """
    keys, offsets = joined
    start = -1
    end = -1
    slot = keys.get(token)
    if slot is not None:
        start = offsets[slot]
        end = offsets[slot + 1]
    vid = vocab.get(token)
    flags = PREFIX | SUFFIX if vid is None else join_flags[vid]
    entry: list[Any] = [start, end, flags]
    if vid is not None and kept is not None:
        hit_offsets, hit_ids, hit_sims = kept
        for i in range(hit_offsets[vid], hit_offsets[vid + 1]):
            v = hit_ids[i]
            entry.append(v)
            entry.append(idf[v] * hit_sims[i])
    else:
        for v, sim in hits(token):
            entry.append(v)
            entry.append(idf[v] * sim)
    # A flat tuple of ints and floats: untracked by the garbage collector once cached.
    got = tuple(entry)
    if len(cache) > cache_max:
        cache.clear()
    cache[token] = got
    return got


def first_sight_hits(
    vocab: dict[str, int],
    vocab_list: list[str],
    deletes: tuple[dict[str, int], Sequence[int], Sequence[int]],
    sounds_map: tuple[dict[str, int], Sequence[int], Sequence[int]],
    folds: list[str],
    keep: int,
    script: Callable[[str, dict[int, float]], tuple[tuple[int, float], ...]],
    token: str,
) -> tuple[tuple[int, float], ...]:
    """The neighbours of ``token`` found now (its exact match first, if listed): a word
    in Arabic script (marked) by ``script(token, found)``, any other by
    :func:`spelling_hits` (the other arguments are its own; the index binds them once,
    with :func:`functools.partial`)."""
    out: dict[int, float] = {}
    vid = vocab.get(token)
    if vid is not None:
        out[vid] = 1.0
    if token[:1] == MARK:
        return script(token, out)
    return spelling_hits(token, out, vocab, vocab_list, deletes, sounds_map, folds, keep)


def may_join(first: str, last: str, first_flags: int, last_flags: int) -> bool:
    """Can ``first`` + (tokens between) + ``last`` be a listed token? Not unless
    ``first`` begins a longer listed token and ``last`` ends one (or one is empty)."""
    if not first or not last:
        return True
    return bool(first_flags & PREFIX) and bool(last_flags & SUFFIX)


def gather(
    tokens: Sequence[str],
    classes: Sequence[str],
    entries: Sequence[Entry],
    postings: Sequence[Sequence[int]],
    joined_data: Sequence[int],
    vocab: dict[str, int],
    idf: Sequence[float],
    idf_max: float,
    common_df: int,
    weak_classes: frozenset[str],
) -> Gathered:
    """The keys of a query form (its tokens' ``entries``) and what each brings in.

    Legal forms and generic words (``weak_classes``) and very common tokens (in more
    than ``common_df`` names) only add to candidates found otherwise; adjacent tokens
    joined are keys too, both ways ("hua wei" ~ "huawei").
    """
    g = Gathered()
    has_strong = False
    for c in classes:
        if c not in weak_classes:
            has_strong = True
            break
    for i in range(len(tokens)):
        e = entries[i]
        best = 0.0
        weak = has_strong and classes[i] in weak_classes
        for h in range(HITS, len(e), 2):
            vid: int = e[h]
            w: float = e[h + 1]
            if w > best:
                best = w
            p = postings[vid]
            if weak or len(p) > common_df:
                g.common.append((vid, w))
            else:
                g.lists.append(p)
                g.weights.append(w)
        start: int = e[0]
        end: int = e[1]
        if start >= 0 and end - start <= common_df:
            g.lists.append(joined_data[start:end])
            g.weights.append(idf_max * 0.8)
            best = max(best, idf_max * 0.8)
        g.q_idf += best if len(e) > HITS or start >= 0 else idf_max
    n_tok = len(tokens)
    for i in range(n_tok - 1):
        for n in (2, 3):
            if i + n <= n_tok and may_join(
                tokens[i], tokens[i + n - 1], entries[i][2], entries[i + n - 1][2]
            ):
                vid_j = vocab.get("".join(tokens[i : i + n]))
                if vid_j is not None and len(postings[vid_j]) <= common_df:
                    g.lists.append(postings[vid_j])
                    g.weights.append(idf[vid_j])
    for p in g.lists:
        g.total += len(p)
    return g


def deletion_neighbours(
    token: str,
    vocab: dict[str, int],
    dkeys: dict[str, int],
    doffs: Sequence[int],
    ddata: Sequence[int],
) -> set[int]:
    """Vocabulary ids within two edits of ``token`` by the symmetric-deletion method.

    Every listed token of four letters or more is filed under its one-letter
    deletions (``dkeys`` → slice of ``ddata``): the token itself and each of its own
    deletions are looked up there and in the vocabulary.
    """
    near: set[int] = set()
    slot = dkeys.get(token)
    if slot is not None:
        for i in range(doffs[slot], doffs[slot + 1]):
            near.add(ddata[i])
    for j in range(len(token)):
        d = token[:j] + token[j + 1 :]
        v = vocab.get(d)
        if v is not None:
            near.add(v)
        slot = dkeys.get(d)
        if slot is not None:
            for i in range(doffs[slot], doffs[slot + 1]):
                near.add(ddata[i])
    return near


def _score_sounds(
    token: str,
    keys: tuple[dict[str, int], Sequence[int], Sequence[int]],
    key: str,
    same_key: bool,
    out: dict[int, float],
    skip: dict[int, float],
    vocab_list: list[str],
    folds: list[str],
) -> list[int]:
    """Add to ``out`` the vocabulary ids filed under phonetic ``key`` (``keys``: the
    phonetic key map) similar to ``token`` (all of its phonetic key or all of another:
    ``same_key``), with their similarities; those in ``out`` or ``skip`` are passed by.
    The ids compared, in the map's order."""
    slots, offsets, data = keys
    slot = slots.get(key)
    sounds: list[int] = []
    if slot is None:
        return sounds
    others: list[str] = []
    other_folds: list[str] = []
    for i in range(offsets[slot], offsets[slot + 1]):
        v = data[i]
        if v in out or v in skip:
            continue
        sounds.append(v)
        others.append(vocab_list[v])
        other_folds.append(folds[v])
    if not sounds:
        return sounds
    sims = similarities_to(token, others, other_folds, same_key)
    for i in range(len(sounds)):
        if sims[i] > 0.0:
            out[sounds[i]] = sims[i]
    return sounds


def script_hits(
    word: str,
    out: dict[int, float],
    keys: tuple[dict[str, int], Sequence[int], Sequence[int]],
    order: Sequence[int],
    vocab_list: list[str],
    postings: list[Any],
    keep: int,
) -> tuple[tuple[int, float], ...]:
    """The ``keep`` Latin tokens a ``word`` in Arabic script may be spelt as
    (:func:`~.abjad.spells`; ``out``: those found already, its exact match), with their
    similarities: found by consonant key, the nearest first, then the most used (the
    most ``postings``: Mohammad before Mohamad, they find the most names), ties by id.

    ``order`` is the vocabulary by use, most used first, ties by id (see
    :func:`by_use`); ``keys`` files each listed token under its
    :func:`~.abjad.latin_key` as its place in ``order``, ascending. The candidates are
    tried in that order, and the search stops at the ``keep``-th spelling found: the
    spellings are all equally near, so any found later would rank below it.
    """
    slots, offsets, data = keys
    found: list[int] = []
    n_keys = 0
    for k in script_keys(word):
        slot = slots.get(k)
        if slot is None:
            continue
        n_keys += 1
        for i in range(offsets[slot], offsets[slot + 1]):
            found.append(data[i])
    if n_keys > 1:
        found.sort()  # (a token has one key: no place is filed twice)
    spelt = 0
    for place in found:
        if spelt >= keep:
            break
        v = order[place]
        if v not in out and spells(word, vocab_list[v]):
            out[v] = ABJAD_SIM
            spelt += 1
    return most_used(out, postings, keep)


def by_use(postings: list[Any]) -> list[int]:
    """The vocabulary ids by use: the most ``postings`` first, ties by id (the order in
    which :func:`most_used` ranks equally near neighbours)."""
    return sorted(range(len(postings)), key=lambda v: (-len(postings[v]), v))


def most_used(
    out: dict[int, float], postings: list[Any] | None, keep: int
) -> tuple[tuple[int, float], ...]:
    """``sorted(out.items(), key=lambda vs: (-vs[1], -len(postings[vs[0]]), vs[0]))[:keep]``
    as a tuple: picked by insertion into a short list, no key tuple made per item.
    (``postings`` None: equally near ids by id alone, :func:`nearest`.)"""
    ids: list[int] = []
    sims: list[float] = []
    uses: list[int] = []
    for v, sim in out.items():
        n = 0 if postings is None else len(postings[v])
        i = len(ids)
        while i > 0 and (
            sim > sims[i - 1]
            or (sim == sims[i - 1] and (n > uses[i - 1] or (n == uses[i - 1] and v < ids[i - 1])))
        ):
            i -= 1
        if i >= keep:
            continue
        ids.insert(i, v)
        sims.insert(i, sim)
        uses.insert(i, n)
        if len(ids) > keep:
            ids.pop()
            sims.pop()
            uses.pop()
    return tuple([(ids[i], sims[i]) for i in range(len(ids))])


def spelling_hits(
    token: str,
    out: dict[int, float],
    vocab: dict[str, int],
    vocab_list: list[str],
    deletes: tuple[dict[str, int], Sequence[int], Sequence[int]],
    sounds_map: tuple[dict[str, int], Sequence[int], Sequence[int]],
    folds: list[str],
    keep: int,
) -> tuple[tuple[int, float], ...]:
    """The ``keep`` nearest typo and sound-alike neighbours of a Latin ``token`` first
    seen (``out``: those found already, its exact match), with their similarities.

    Typo neighbours come from the deletion map (``deletes``, see
    :func:`deletion_neighbours`) and are kept within the tolerated edits (the
    scorer later measures each pair fully); sound-alikes from the phonetic key map
    (``sounds_map``), scored by :func:`~.similarity.similarities_to` with the
    vocabulary's transliteration folds (``folds``, by id). The nearest first, ties
    by vocabulary id.
    """
    if len(token) >= 4 and token.isalpha():
        near = deletion_neighbours(token, vocab, deletes[0], deletes[1], deletes[2])
        limit = allowed_edits(len(token))
        for v in near:
            if v in out:
                continue
            other = vocab_list[v]
            # (One C call per neighbour: they are few, and process.cdist's fixed cost
            # per call was most of the time.)
            dist = osa_distance(token, other, limit)
            if dist <= limit and dist <= allowed_edits(min(len(token), len(other))):
                out[v] = 1.0 - dist / max(len(token), len(other))
        none: dict[int, float] = {}
        sounds = _score_sounds(
            token, sounds_map, phonetic_key(token), True, out, none, vocab_list, folds
        )
        # A spelling of another language's romanisation of Cyrillic (Selenskyj,
        # Sergejs) also looks for the sound of its reading in the lists' convention
        # (tokens of another key: those of the token's own are all scored above).
        key = phonetic_key(scheme_reading(token)) if scheme_marked(token) else ""
        if key:
            seen = dict.fromkeys(sounds, 0.0)
            _score_sounds(token, sounds_map, key, False, out, seen, vocab_list, folds)
    return nearest(out, keep)


def nearest(out: dict[int, float], keep: int) -> tuple[tuple[int, float], ...]:
    """``tuple(sorted(out.items(), key=lambda vs: (-vs[1], vs[0]))[:keep])``
    (:func:`most_used` without the use order).

    (A tuple of tuples: untracked by the garbage collector once cached.)
    """
    return most_used(out, None, keep)


__all__ = [
    "HITS",
    "PREFIX",
    "RUNNER_UP_SHARE",
    "SUFFIX",
    "Entry",
    "Gathered",
    "by_use",
    "deletion_neighbours",
    "first_sight_hits",
    "gather",
    "may_join",
    "most_used",
    "nearest",
    "script_hits",
    "spelling_hits",
    "token_entry",
]
