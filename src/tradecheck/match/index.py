"""The candidate index: a query is scored only against names that share a key with it.

Keys, each weighted by its rarity (inverse document frequency over the indexed names):

* every normalised token (exact);
* typo neighbours: every token of four or more letters is also filed under each
  of its one-letter deletions, so a query token finds listed tokens within two
  edits by a few dictionary look-ups (the symmetric-deletion method);
* a phonetic key (:mod:`tradecheck.match.phonetic`);
* adjacent tokens joined ("hua wei" → "huawei"), on the listed side and the query side;
* for a word in Arabic script, the Latin tokens it may be spelt as, found by their
  consonant key (:mod:`tradecheck.match.abjad`; the key map is made on first use).

A query token's nearest neighbours are found when it is first seen; those of the
index's own tokens (most query tokens are listed words) are found once, when the
index is built, and kept in it (see
:func:`~tradecheck.match.neighbours.neighbour_version`).

Very common tokens (``ltd``, ``mohammad``) do not bring in candidates of their own
when the query has a rarer key; they only add to candidates found otherwise.
The best few candidates by key overlap are then scored in full
(:mod:`tradecheck.match.score`).

The index records the normalisation version it was built with and refuses a
query made with another (:class:`tradecheck.errors.IndexMismatchError`).
"""

from __future__ import annotations

import gc
import math
import os
import pickle
import weakref
from array import array
from collections.abc import Callable, Iterable
from functools import partial
from itertools import pairwise
from pathlib import Path
from typing import Any

from tradecheck.entity import Entity
from tradecheck.errors import IndexMismatchError, StoreError
from tradecheck.match.abjad import latin_key
from tradecheck.match.alternatives import listed_forms
from tradecheck.match.containers import Csr, Entities
from tradecheck.match.listing import qualifier_words
from tradecheck.match.neighbours import neighbour_version
from tradecheck.match.normalize import NameForm, normalization_version, normalize_name
from tradecheck.match.phonetic import phonetic_key
from tradecheck.match.search import (
    PREFIX,
    RUNNER_UP_SHARE,
    SUFFIX,
    Entry,
    by_use,
    first_sight_hits,
    gather,
    script_hits,
    token_entry,
)
from tradecheck.match.similarity import translit_fold
from tradecheck.match.tally import candidates as count
from tradecheck.match.tally import rank
from tradecheck.match.variants import curated_by_english, name_variants

#: Bump when what the index holds changes (an old index file is then rebuilt).
INDEX_FORMAT = 8
#: A token in more names than this adds to candidates but does not bring new ones in.
COMMON_DF = 600
_WEAK = frozenset({"legal", "generic", "place", "particle", "title"})
#: From this many postings on, records of equal overlap rank in record order (below
#: it, in the order first found; see :func:`tradecheck.match.tally.rank`).
_BY_RECORD_MIN = 100
#: Nearest typo/sound-alike neighbours of a query token used to find candidates.
_FUZZY_KEEP = 3
#: Latin spellings of a word in Arabic script used to find candidates.
_SCRIPT_KEEP = 8
#: Candidates scored in full per query form.
CANDIDATES = 12
_TOKEN_CACHE_MAX = 200_000
#: After this many candidate searches the index settles the heap once more
#: (:meth:`Index.candidates`).
SETTLE_AGAIN_AT = 1_000
#: The garbage collector's thresholds once the heap is settled, unless the process
#: set its own (:func:`_settle_heap`); Python's are :data:`PYTHON_GC_THRESHOLDS`.
SETTLED_GC_THRESHOLDS = (2_000, 10, 20)
PYTHON_GC_THRESHOLDS = (700, 10, 10)


def _settle_heap() -> None:
    """Move what is alive now (the index above all) out of the garbage collector's sight.

    An index is hundreds of thousands of long-lived objects; every full collection
    scanned them all, for nothing (about 6 % of screening time). ``gc.freeze`` puts
    them in the permanent generation: they are still freed by reference counting when
    dropped, only no longer scanned for cycles. (It also spares the pages a forked
    batch worker shares with its parent from being written by the collector.)
    What the index makes later must be untracked (flat arrays, dicts of strings and
    numbers) or it is scanned again: so the records' forms, their qualifier words and
    the vocabulary list are made before (see :meth:`Index.record_form`). The tables
    the matcher loads on first use and its caches are made by the first queries:
    the index settles once more after its first :data:`SETTLE_AGAIN_AT` searches.

    What the collector still sees then is made while screening: the entries of the
    matcher's caches and the score caches of the records' forms, most of them kept.
    With Python's thresholds (a young collection every 700 objects kept, a full one
    every 10 × 10 young ones) it examined each of them several times over and ran
    a full collection every 7,000 names or so: about 5 % of screening time. Once
    settled the thresholds are :data:`SETTLED_GC_THRESHOLDS`: a young generation of
    2,000 (small enough to stay in a core's cache) and a full collection every
    20 × 10 of them, which halves what the collector examines over 100,000 names
    (objects and container items: 7.1 million → 3.7 million). A process that set
    thresholds of its own keeps them.
    """
    gc.collect()
    gc.freeze()
    if gc.get_threshold() == PYTHON_GC_THRESHOLDS:
        gc.set_threshold(*SETTLED_GC_THRESHOLDS)


def _weakly(method: Callable[..., Any]) -> Callable[..., Any]:
    """``method``, a bound method of an index, called through a weak reference.

    The index keeps its containers bound once in ``partial`` objects (a query passes
    only its own arguments); a bound method among them would hold the index from its
    own ``__dict__``: a reference cycle, which only the garbage collector can free, and
    which it never frees once :func:`_settle_heap` has frozen the index. An index let
    go (a replayed snapshot's, one built and then loaded) would stay in memory for the
    process's life. Through a weak reference the index is freed when its last
    reference goes.
    """
    ref = weakref.WeakMethod(method)

    def call(*args: Any) -> Any:
        bound = ref()
        assert bound is not None  # (only the index itself calls it)
        return bound(*args)

    return call


def join_flags(vocab: list[str]) -> array[int]:
    """For each token of ``vocab``, whether it begins (:data:`~.search.PREFIX`) or ends
    (:data:`~.search.SUFFIX`) a longer token of ``vocab``.

    Adjacent query tokens joined can be a listed token only when the first begins one
    and the last ends one. (In sorted order the tokens a token begins follow it: it
    begins one when it begins the next.)
    """
    flags = array("b", bytes(len(vocab)))
    for bit, keys in ((PREFIX, vocab), (SUFFIX, [t[::-1] for t in vocab])):
        order = sorted(range(len(keys)), key=keys.__getitem__)
        for a, b in pairwise(order):
            if keys[b].startswith(keys[a]):
                flags[a] |= bit
    return flags


def _deletions(token: str) -> set[str]:
    return {token[:i] + token[i + 1 :] for i in range(len(token))}


class Index:
    """Names of listed entities, keyed for fast candidate search."""

    def __init__(self) -> None:
        self.meta: dict[str, Any] = {
            "format": INDEX_FORMAT,
            "normalization": normalization_version(),
        }
        self.entities = Entities()
        #: List code and type of each entity (the hot path needs no full entity).
        self.ent_source: list[str] = []
        self.ent_type: list[str] = []
        self.rec_entity = array("i")
        self.rec_raw: list[str] = []
        self.rec_tokens: list[tuple[str, ...]] = []
        self.rec_classes: list[tuple[str, ...]] = []
        self.rec_via: list[str | None] = []
        self.rec_idf = array("f")
        self.vocab: dict[str, int] = {}
        self.postings: list[array[int]] = []
        self.joined = Csr()
        self.deletes = Csr()
        self.phonetic = Csr()
        self.idf: list[float] = []
        #: The transliteration fold of each vocabulary token (by id), compared with a
        #: new token's (:func:`~.similarity.similarities_to`).
        self.folds: list[str] = []
        #: The neighbours of each vocabulary token (ids and similarities), found at
        #: build time: those of token ``v`` are ``[hit_offsets[v]:hit_offsets[v + 1]]``.
        self.hit_offsets = array("i")
        self.hit_ids = array("i")
        self.hit_sims = array("d")
        #: Whether each vocabulary token (by id) begins (:data:`~.search.PREFIX`) or
        #: ends (:data:`~.search.SUFFIX`) a longer one (:func:`join_flags`).
        self.join_flags = array("b")
        self._kept_hits = False
        #: The words of a bracketed qualifier each shortened record was indexed
        #: without, by record (:func:`~.listing.qualifier_words`; none: not in the map).
        self.rec_qualifiers: dict[int, tuple[str, ...]] = {}
        self._searches = 0
        self._token_cache: dict[str, Entry] = {}
        self._joined: dict[str, list[int]] = {}

    # --- building

    @classmethod
    def build(cls, entities: Iterable[Entity], meta: dict[str, Any] | None = None) -> Index:
        """Build an index over ``entities`` (their primary names and aliases)."""
        idx = cls()
        if meta:
            idx.meta.update(meta)
        for e in entities:
            ei = len(idx.entities)
            idx.entities.append(e)
            idx.ent_source.append(e.source)
            idx.ent_type.append(e.type.value)
            seen: set[tuple[str, ...]] = set()
            for raw in e.names:
                for variant in listed_forms(name_variants(raw)):
                    for form in normalize_name(variant):
                        if form.tokens in seen:
                            continue
                        seen.add(form.tokens)
                        idx._add_record(ei, raw, form)
            # A listed English name of a curated Chinese name also stands in the
            # index as that Chinese name read in pinyin ("Haikang Weishi" ~ Hikvision).
            # (Sorted: an index must not depend on the process's string-hash seed.)
            rows = {r for t in seen for r in curated_by_english().get(t, ())}
            for row in sorted(rows, key=lambda r: (r.zh, r.en)):
                for form in normalize_name(row.zh):
                    if form.via is None and form.tokens not in seen:
                        seen.add(form.tokens)
                        via = f"{row.zh} → {row.en} ({row.source})"
                        idx._add_record(
                            ei, row.zh, NameForm(row.zh, form.tokens, form.classes, via)
                        )
        idx._finish()
        idx._make_forms()
        _settle_heap()
        return idx

    def _vid(self, token: str) -> int:
        vid = self.vocab.get(token)
        if vid is None:
            vid = len(self.postings)
            self.vocab[token] = vid
            self.postings.append(array("i"))
        return vid

    def _add_record(self, ei: int, raw: str, form: NameForm) -> None:
        r = len(self.rec_raw)
        self.rec_entity.append(ei)
        self.rec_raw.append(raw)
        self.rec_tokens.append(form.tokens)
        self.rec_classes.append(form.classes)
        self.rec_via.append(form.via)
        # Vocabulary ids in token order, never set order: the same lists must give the
        # same index (and so the same tie-breaks) whatever the string-hash seed.
        for t in dict.fromkeys(form.tokens):
            self.postings[self._vid(t)].append(r)
        toks = form.tokens
        for k in (2, 3):
            for i in range(len(toks) - k + 1):
                j = "".join(toks[i : i + k])
                self._joined.setdefault(j, []).append(r)

    def _finish(self) -> None:
        n = max(1, len(self.rec_raw))
        self.idf = [math.log(1 + n / max(1, len(p))) for p in self.postings]
        deletes: dict[str, list[int]] = {}
        phonetic: dict[str, list[int]] = {}
        for token, vid in self.vocab.items():
            if len(token) >= 4 and token.isalpha():
                for d in _deletions(token):
                    deletes.setdefault(d, []).append(vid)
                key = phonetic_key(token)
                if key:
                    phonetic.setdefault(key, []).append(vid)
        self.deletes = Csr(deletes)
        self.phonetic = Csr(phonetic)
        self.folds = [translit_fold(t) for t in self._vocab_list()]
        self.join_flags = join_flags(self._vocab_list())
        self.joined = Csr(self._joined)
        self._joined = {}
        for toks in self.rec_tokens:
            self.rec_idf.append(sum(self.idf[self.vocab[t]] for t in toks))
        self.rec_qualifiers = self._qualifier_map()
        self.meta["records"] = len(self.rec_raw)
        self.meta["entities"] = len(self.entities)
        self._keep_hits()

    def _keep_hits(self) -> None:
        """Find the neighbours of every vocabulary token now, to keep in the index.

        Most query tokens are listed words; their first sight then costs a look-up
        (about 1 s more to build the default bundle's index, 2 MB more in its file).
        """
        version = neighbour_version()
        if version is None:
            return
        offsets = array("i", [0])
        ids = array("i")
        sims = array("d")
        for token in self.vocab:  # (in id order)
            for vid, sim in self._token_hits(token):
                ids.append(vid)
                sims.append(sim)
            offsets.append(len(ids))
        self.hit_offsets, self.hit_ids, self.hit_sims = offsets, ids, sims
        self.meta["neighbours"] = version
        self._kept_hits = True
        self._token_cache.clear()

    # --- persistence

    def save(self, path: Path) -> None:
        """Write the index to ``path`` (a pickle next to the database)."""
        state = {k: v for k, v in self.__dict__.items() if not k.startswith("_")}
        tmp = path.with_suffix(f"{path.suffix}.{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            pickle.dump(state, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> Index:
        """Read an index written by :meth:`save`; refuse one built with other normalisation."""
        try:
            with open(path, "rb") as fh:
                state = pickle.load(fh)
        except (OSError, pickle.UnpicklingError, EOFError) as exc:
            raise StoreError(f"cannot read index {path}: {exc}") from exc
        idx = cls()
        idx.__dict__.update(state)
        idx.check_version(normalization_version())
        version = neighbour_version()
        idx._kept_hits = (
            version is not None
            and idx.meta.get("neighbours") == version
            and len(idx.hit_offsets) == len(idx.vocab) + 1
        )
        if len(idx.folds) != len(idx.vocab):  # (a file of an earlier format)
            idx.folds = [translit_fold(t) for t in idx._vocab_list()]
        if len(idx.join_flags) != len(idx.vocab):  # (the same)
            idx.join_flags = join_flags(idx._vocab_list())
        if "rec_qualifiers" not in state:  # (a file of an earlier format)
            idx.rec_qualifiers = idx._qualifier_map()
        idx._make_forms()
        _settle_heap()
        return idx

    def check_version(self, query_version: str) -> None:
        """Raise :class:`IndexMismatchError` unless the query normalisation is the index's."""
        built = self.meta.get("normalization")
        if built != query_version:
            raise IndexMismatchError(
                f"index built with normalisation {built}, query uses {query_version}; "
                "rebuild the index (it is rebuilt automatically from the store)"
            )

    # --- search

    def _token_hits(self, token: str) -> tuple[tuple[int, float], ...]:
        """Vocabulary ids near ``token`` with their similarity, the nearest first."""
        vid = self.vocab.get(token)
        if vid is not None and self._kept_hits:
            a, b = self.hit_offsets[vid], self.hit_offsets[vid + 1]
            return tuple(zip(self.hit_ids[a:b].tolist(), self.hit_sims[a:b].tolist(), strict=True))
        return self._first_sight()(token)

    def _first_sight(self) -> partial[tuple[tuple[int, float], ...]]:
        """:func:`~.search.first_sight_hits` over this index's containers, bound once
        (a token first seen at query time then costs no Python call of the index's)."""
        got: partial[tuple[tuple[int, float], ...]] | None = self.__dict__.get("_first")
        if got is None:
            d, ph = self.deletes, self.phonetic
            got = self.__dict__["_first"] = partial(
                first_sight_hits,
                self.vocab,
                self._vocab_list(),
                (d.keys, d.offsets, d.data),
                (ph.keys, ph.offsets, ph.data),
                self.folds,
                1 + _FUZZY_KEEP,
                _weakly(self._script_hits),
            )
        return got

    def _token_entry(self, token: str) -> Entry:
        """What ``token`` brings to a query's keys (:data:`~.search.Entry`), cached.

        Made once per token: its neighbours weighted by their rarity, its slice of
        the joined-key map, and whether it begins or ends a longer listed token (else
        it cannot be part of adjacent query tokens joined, and no look-up is made;
        see :attr:`join_flags`). (Compiled: :func:`~.search.token_entry`, bound once
        to the index's containers, again when the index starts or stops using its
        kept neighbours.)
        """
        entry: partial[Entry] | None = self.__dict__.get("_entry")
        if entry is None or self.__dict__.get("_entry_kept") is not self._kept_hits:
            j = self.joined
            kept = (self.hit_offsets, self.hit_ids, self.hit_sims) if self._kept_hits else None
            entry = self.__dict__["_entry"] = partial(
                token_entry,
                self._token_cache,
                _TOKEN_CACHE_MAX,
                self._first_sight(),  # (asked only when no kept neighbours apply)
                self.vocab,
                (j.keys, j.offsets),
                self.join_flags,
                kept,
                self.idf,
            )
            self.__dict__["_entry_kept"] = self._kept_hits
        return entry(token)

    def _script_hits(self, token: str, out: dict[int, float]) -> tuple[tuple[int, float], ...]:
        """Latin tokens a word in Arabic script may be spelt as (:mod:`.abjad`)."""
        keys: Csr | None = self.__dict__.get("_script_keys")
        order: array[int] | None = self.__dict__.get("_script_order")
        if keys is None or order is None:
            # The Latin tokens by consonant key, each as its place in the vocabulary by
            # use (:func:`~.search.by_use`: the order the spellings are tried in): made
            # when the index's neighbours are kept (or on first use), and kept in its
            # file (``script_keys``, ``script_order``) for use with the neighbours made
            # by the same code (making it took about 0.1 CPU-s in each process that
            # loaded the index). Flat, so that the garbage collector does not scan it
            # when made after the index was settled.
            keys = self.__dict__.get("script_keys") if self._kept_hits else None
            order = self.__dict__.get("script_order")
            if keys is None or order is None or len(order) != len(self.vocab):
                order = array("i", by_use(self.postings))
                vocab_list = self._vocab_list()
                by_key: dict[str, list[int]] = {}
                for place, v in enumerate(order):
                    k = latin_key(vocab_list[v])
                    if k:
                        by_key.setdefault(k, []).append(place)
                keys = Csr(by_key)
            self.__dict__["_script_keys"] = self.__dict__["script_keys"] = keys
            self.__dict__["_script_order"] = self.__dict__["script_order"] = order
        return script_hits(
            token[1:],
            out,
            (keys.keys, keys.offsets, keys.data),
            order,
            self._vocab_list(),
            self.postings,
            _SCRIPT_KEEP,
        )

    def _vocab_list(self) -> list[str]:
        vl: list[str] | None = self.__dict__.get("_vl")
        if vl is None:
            vl = [""] * len(self.vocab)
            for t, v in self.vocab.items():
                vl[v] = t
            self.__dict__["_vl"] = vl
        return vl

    def candidates(self, form: NameForm, k: int = CANDIDATES) -> list[tuple[float, int]]:
        """The records sharing the most rare key weight with ``form``: (overlap, record).

        The ``k`` best entities, by their best record, each followed by its next
        best. The overlap is a Dice coefficient over the keys' rarity weights, used
        only to rank and prune candidates.
        """
        toks = form.tokens
        self._searches += 1
        if self._searches == SETTLE_AGAIN_AT:
            _settle_heap()  # (the tables loaded on first use, the caches' commonest entries)
        counter = self.__dict__.get("_counter")
        if counter is None or counter.func is not count:
            # (The index's containers bound once: a query passes only its own.)
            counter = self.__dict__["_counter"] = partial(
                count,
                self._token_cache,
                _weakly(self._token_entry),
                self.postings,
                self.joined.data,
                self.vocab,
                self.idf,
                math.log(1 + max(1, len(self.rec_raw))),
                COMMON_DF,
                _WEAK,
                self.rec_idf,
                self.rec_entity,
                self._rec_len(),
                RUNNER_UP_SHARE,
                _BY_RECORD_MIN,
            )
        got = counter(toks, form.classes, k)
        if got is not None:
            return got
        # Only very common tokens: seed with the names holding the two rarest of the
        # query's own tokens (exact; an overlap of 0.0), then add the rest.
        postings = self.postings
        exact = sorted(
            (self.vocab[t] for t in dict.fromkeys(toks) if t in self.vocab),
            key=lambda v: (len(postings[v]), v),
        )
        if not exact:
            return []
        idf = self.idf
        idf_max = math.log(1 + max(1, len(self.rec_raw)))
        seed = postings[exact[0]]
        if len(exact) > 1:
            both = set(postings[exact[1]])
            seed = array("i", [r for r in seed if r in both])
        cache = self._token_cache
        entries = [cache.get(t) or self._token_entry(t) for t in toks]
        g = gather(
            toks,
            form.classes,
            entries,
            postings,
            self.joined.data,
            self.vocab,
            idf,
            idf_max,
            COMMON_DF,
            _WEAK,
        )
        return rank(
            [seed],
            [0.0],
            [(postings[vid], w) for vid, w in g.common],
            self.rec_idf,
            self.rec_entity,
            self._rec_len(),
            len(toks),
            g.q_idf,
            k,
            RUNNER_UP_SHARE,
            True,
        )

    def _rec_len(self) -> array[int]:
        """Tokens per record (made on first use)."""
        got: array[int] | None = self.__dict__.get("_rec_lens")
        if got is None:
            got = array("i", (len(t) for t in self.rec_tokens))
            self.__dict__["_rec_lens"] = got
        return got

    def _make_forms(self) -> None:
        """Make every record's form now, before the index is settled (:func:`_settle_heap`).

        A form caches its weights, so it is kept; but a form is an object the garbage
        collector always tracks, and forms made while screening (tens of thousands in
        a long run) were scanned again by every full collection. (About 0.1 s and
        25 MB for the default bundle's 63,000 records.)
        """
        self.__dict__["_forms"] = [self._new_form(r) for r in range(len(self.rec_raw))]
        self._vocab_list()  # (made here for the same reason)

    def _qualifier_map(self) -> dict[int, tuple[str, ...]]:
        """:attr:`rec_qualifiers`, found (records without brackets have none)."""
        out: dict[int, tuple[str, ...]] = {}
        for r, raw in enumerate(self.rec_raw):
            if "(" in raw:
                words = qualifier_words(raw, set(self.rec_tokens[r]))
                if words:
                    out[r] = words
        return out

    def record_form(self, r: int) -> NameForm:
        """The normalised form of record ``r`` (made with the index: it caches its weights)."""
        return self.record_forms()[r]

    def record_forms(self) -> list[NameForm]:
        """Every record's normalised form, by record number (the screening loop reads
        them from the list, without a method call per candidate)."""
        forms: list[NameForm] | None = self.__dict__.get("_forms")
        if forms is None or len(forms) != len(self.rec_raw):
            self._make_forms()
            forms = self.__dict__["_forms"]
        return forms

    def _new_form(self, r: int) -> NameForm:
        return NameForm(self.rec_raw[r], self.rec_tokens[r], self.rec_classes[r], self.rec_via[r])

    def entity_of(self, r: int) -> Entity:
        """The entity record ``r`` names."""
        e: Entity = self.entities[self.rec_entity[r]]
        return e


__all__ = ["Index", "name_variants"]
