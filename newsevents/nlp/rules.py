"""Exact, faster stand-ins for spaCy's ``attribute_ruler`` and rule ``lemmatizer``.

The stock attribute ruler runs a token Matcher with all its patterns (179 in en_core_web_sm) over every
token, then sets the attributes of each match through Python, one match at a time: 13% of the model's
CPU time. Nearly all of the patterns are one token with exact values (``{"TAG": "NN"}``, ``{"LOWER":
"'s", "TAG": "POS"}``). ``FastAttributeRuler`` reads the attributes the patterns test for all tokens at
once (``Doc.to_array``), composes the attributes of the single-token patterns a combination of values
matches once (remembered), and writes the result with one ``Doc.from_array``. Fixed-length patterns of
exact / IN / NOT_IN / REGEX specs are found with numpy; any other shape goes to a stock Matcher. Tokens
such a pattern matched get all their patterns replayed in the stock order, so the last writer per
attribute is the stock one. ``FastLemmatizer`` asks the stock lemmatizer once per (orth, pos, morph)
when its answer depends on nothing else.

Nothing is copied: both are built at pipeline-build time from the loaded components
(``install(nlp)``), so another model's patterns and tables are used as they are.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

import numpy
from spacy.attrs import DEP, IDS, LEMMA, MORPH, ORTH, POS, TAG
from spacy.errors import Errors
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span
from spacy.tokens._retokenize import set_token_attrs

RULER = "attribute_ruler"
LEMMATIZER = "lemmatizer"
FAST_RULER_FACTORY = "newsevents_fast_attribute_ruler"
FAST_LEMMATIZER_FACTORY = "newsevents_fast_lemmatizer"

# Token attributes the fast path may write with Doc.from_array: set_token_attrs writes these on the token
# only (Lexeme.set_struct_attr ignores them), and from_array writes exactly the same struct field.
WRITABLE = frozenset({POS, TAG, MORPH, LEMMA, DEP})
# Attributes the Matcher reads differently from Doc.to_array, or converts its pattern values for.
NOT_READABLE = frozenset({"SENT_START", "IS_SENT_START", "ENT_IOB", "MORPH", "LENGTH", "_", "OP"})
# Attributes whose value is a string id, which a REGEX can be searched in.
STRING_ATTRS = frozenset(
    {"ORTH", "LOWER", "NORM", "SHAPE", "PREFIX", "SUFFIX", "TAG", "DEP", "LEMMA", "ENT_TYPE"}
)
# Keep the lemma memo bounded on an endless stream of new words.
MEMO_LIMIT = 500_000


def install(nlp: Language) -> None:
    """Replace the model's attribute_ruler and lemmatizer by the fast ones, built from them."""
    if RULER in nlp.pipe_names:  # (a disabled one stays as it is)
        stock = nlp.get_pipe(RULER)
        if _unchanged(stock, AttributeRuler, ("__call__", "match", "set_annotations")):
            nlp.replace_pipe(RULER, FAST_RULER_FACTORY)
            nlp.get_pipe(RULER).adopt(stock)
    if LEMMATIZER in nlp.pipe_names:
        stock = nlp.get_pipe(LEMMATIZER)
        if _unchanged(stock, Lemmatizer, ("__call__",)):
            nlp.replace_pipe(LEMMATIZER, FAST_LEMMATIZER_FACTORY)
            nlp.get_pipe(LEMMATIZER).adopt(stock)


def _unchanged(component: object, base: type, methods: tuple[str, ...]) -> bool:
    """A base instance whose class keeps these methods: a subclass that changes them keeps its behaviour."""
    return isinstance(component, base) and all(
        getattr(type(component), m) is getattr(base, m) for m in methods
    )


# ---------------------------------------------------------------------------------------------- ruler


@dataclass(frozen=True, slots=True)
class _Check:
    """One condition of a Matcher token spec on one attribute, with the Matcher's value semantics.

    kind "IN" (an exact value is an IN of one), "NOT_IN": ``values`` are attribute ids computed as the
    Matcher computes them; "REGEX": ``regex`` searched in the attribute's string.
    """

    name: str
    kind: str
    values: frozenset[int] = frozenset()
    regex: re.Pattern[str] | None = None


@dataclass(frozen=True, slots=True)
class _Composed:
    """What a token gets from the single-token patterns it matches: their ids, the final value per column."""

    pattern_ids: tuple[int, ...]
    values: tuple[int | None, ...]  # one per FastAttributeRuler.columns; None = left as it was


@dataclass(frozen=True, slots=True)
class _Window:
    """A fixed-length pattern every token spec of which is _Checks: matched with numpy, no Matcher."""

    match_id: int
    checks: tuple[tuple[_Check, ...], ...]  # per token of the pattern


class FastAttributeRuler:
    """The stock attribute ruler's results, with its patterns matched on ``Doc.to_array`` columns.

    Single-token patterns (exact, IN, NOT_IN values; writing POS, TAG, MORPH, LEMMA or DEP) are composed
    per combination of token values, once, and written with one ``Doc.from_array``; fixed-length
    patterns of such specs (and REGEX) are found with numpy; anything else goes to a stock Matcher.
    Stock semantics kept: every match is found on the tokens as they were before the ruler ran; the
    attributes of all matches are applied in ascending pattern order, so a later pattern wins per
    attribute; ``index`` picks the token of a matched span.
    """

    def __init__(self, name: str = RULER) -> None:
        self.name = name
        self.stock: AttributeRuler | None = None

    def adopt(self, stock: AttributeRuler) -> None:
        """Sort the stock ruler's patterns into single-token, window and Matcher ones."""
        self.stock = stock
        vocab = stock.vocab
        single: list[tuple[int, list[tuple[_Check, ...]]]] = []
        self.windows: list[_Window] = []
        self.matcher = Matcher(vocab, validate=stock.validate)
        for pid, pattern in enumerate(stock.patterns):
            alternatives = [_token_pattern_checks(alt, vocab) for alt in pattern["patterns"]]
            key = vocab.strings.add(str(pid))
            if any(alt is None for alt in alternatives):
                self.matcher.add(key, pattern["patterns"])
            elif _single_token(alternatives, pattern, stock.attrs[pid]):
                single.append((pid, [alt[0] for alt in alternatives if alt]))
            else:
                self.windows.extend(_Window(key, tuple(alt)) for alt in alternatives if alt)
        self.single = single
        checks = [c for _, alts in single for alt in alts for c in alt]
        checks += [c for w in self.windows for spec in w.checks for c in spec]
        self.read = sorted({c.name for c in checks})
        self.read_ids = [IDS[name] for name in self.read]
        # Per column the single-token patterns read, the values they name, sorted; any other value is
        # "other", to them all alike, so token values fold into few combinations.
        names = sorted({c.name for _, alts in single for alt in alts for c in alt})
        self.known = [(self.read.index(n), _named_values(n, single)) for n in names]
        radices = [len(known) + 1 for _, known in self.known]
        self.radices = radices if math.prod(radices) < 2**62 else None
        self.columns = sorted({attr for pid, _ in single for attr in stock.attrs[pid]})
        # Folded token values -> index into self.comps (comp_values/comp_set: the same as arrays).
        self.memo: dict[Any, int] = {}
        self.comps: list[_Composed] = []
        self.comp_values = numpy.zeros((0, len(self.columns)), dtype=numpy.uint64)
        self.comp_set = numpy.zeros((0, len(self.columns)), dtype=bool)
        self.regex_memo: dict[tuple[str, int], bool] = {}

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0 or self.stock is None:
            return doc
        values = doc.to_array(self.read_ids).reshape(len(doc), len(self.read_ids)) if self.read_ids else None
        others = self._other_matches(doc, values)  # on the tokens as they are before any write
        comp_ids = self._compose(doc, values)
        self._write(doc, comp_ids)
        if others:
            self._apply_in_stock_order(doc, comp_ids, others)
        return doc

    # single-token patterns

    def _compose(self, doc: Doc, values: numpy.ndarray | None) -> numpy.ndarray:
        """Per token, the index in self.comps of the composition of the single-token patterns it matches."""
        if not self.known or values is None:
            return numpy.full(len(doc), self._composition_of(()), dtype=numpy.intp)
        codes = [_value_codes(values[:, col], known) for col, known in self.known]
        if self.radices is None:  # too many value combinations for one int64: one tuple per token
            rows = zip(*(c.tolist() for c in codes), strict=True)
            return numpy.array([self._composition_of(row) for row in rows], dtype=numpy.intp)
        combined = codes[0].astype(numpy.int64)
        for code, radix in zip(codes[1:], self.radices[1:], strict=True):
            combined = combined * radix + code
        unique, inverse = numpy.unique(combined, return_inverse=True)
        return numpy.array([self._composition_of(u) for u in unique.tolist()], dtype=numpy.intp)[
            inverse.reshape(-1)
        ]

    def _composition_of(self, key: int | tuple[int, ...]) -> int:
        """The index in self.comps for a token with these value codes (combined or not)."""
        comp = self.memo.get(key)
        if comp is None:
            codes = self._decode(key) if isinstance(key, int) else key
            comp = self.memo[key] = self._add_composition(codes)
        return comp

    def _decode(self, combined: int) -> tuple[int, ...]:
        assert self.radices is not None
        codes = []
        for radix in reversed(self.radices):
            combined, code = divmod(combined, radix)
            codes.append(code)
        return tuple(reversed(codes))

    def _add_composition(self, codes: tuple[int, ...]) -> int:
        assert self.stock is not None
        # Code len(known) stands for a value no single-token pattern names: None, which no IN holds.
        row = {
            self.read[col]: (int(known[c]) if c < len(known) else None)
            for (col, known), c in zip(self.known, codes, strict=True)
        }
        pids = [
            pid for pid, alts in self.single if any(all(_holds(c, row[c.name]) for c in alt) for alt in alts)
        ]
        final: dict[int, int] = {}
        for pid in pids:  # ascending: a later pattern overwrites an earlier one's attribute
            final.update(self.stock.attrs[pid])
        self.comps.append(_Composed(tuple(pids), tuple(final.get(attr) for attr in self.columns)))
        shape = (len(self.comps), len(self.columns))
        self.comp_values = numpy.array(
            [[v or 0 for v in c.values] for c in self.comps], numpy.uint64
        ).reshape(shape)
        self.comp_set = numpy.array([[v is not None for v in c.values] for c in self.comps], bool).reshape(
            shape
        )
        return len(self.comps) - 1

    def _write(self, doc: Doc, comp_ids: numpy.ndarray) -> None:
        """One from_array for the columns some token gets a new value in."""
        if not self.columns:
            return
        is_set = self.comp_set[comp_ids]
        changed = numpy.flatnonzero(is_set.any(axis=0))
        if not len(changed):
            return
        attrs = [self.columns[c] for c in changed]
        current = doc.to_array(attrs).reshape(len(doc), len(attrs))
        new = numpy.where(is_set[:, changed], self.comp_values[comp_ids][:, changed], current)
        doc.from_array(attrs, new)

    # the other patterns

    def _other_matches(self, doc: Doc, values: numpy.ndarray | None) -> list[tuple[int, int, int, int]]:
        """(pattern id, match id, start, end) of the window and Matcher patterns, as the stock finds them."""
        found = list(self.matcher(doc, allow_missing=True, as_spans=False)) if len(self.matcher) else []
        if self.windows:
            assert values is not None
            masks: dict[_Check, numpy.ndarray] = {}
            for window in self.windows:
                found.extend(self._window_matches(doc, values, window, masks))
        strings = doc.vocab.strings
        return [(int(strings[match_id]), match_id, start, end) for match_id, start, end in found]

    def _window_matches(
        self, doc: Doc, values: numpy.ndarray, window: _Window, masks: dict[_Check, numpy.ndarray]
    ) -> list[tuple[int, int, int]]:
        """Starts where every check holds: value checks as whole-column masks, REGEX at the survivors."""
        length = len(window.checks)
        starts = len(doc) - length + 1
        if starts <= 0:
            return []
        hits = numpy.ones(starts, dtype=bool)
        for offset, spec in enumerate(window.checks):
            for check in spec:
                if check.regex is None:
                    mask = masks.get(check)
                    if mask is None:
                        mask = masks[check] = _value_mask(values[:, self.read.index(check.name)], check)
                    hits &= mask[offset : offset + starts]
        candidates = numpy.flatnonzero(hits)
        for offset, spec in enumerate(window.checks):
            for check in spec:
                if check.regex is not None and len(candidates):
                    column = values[candidates + offset, self.read.index(check.name)]
                    unique, inverse = numpy.unique(column, return_inverse=True)
                    holds = [self._regex_holds(check.regex, v, doc.vocab.strings) for v in unique.tolist()]
                    candidates = candidates[numpy.array(holds, dtype=bool)[inverse.reshape(-1)]]
        return [(window.match_id, s, s + length) for s in candidates.tolist()]

    def _regex_holds(self, regex: re.Pattern[str], value: int, strings: Any) -> bool:
        # The Matcher searches the token's string; the answer for one string is the answer for all.
        key = (regex.pattern, value)
        hit = self.regex_memo.get(key)
        if hit is None:
            if len(self.regex_memo) >= MEMO_LIMIT:
                self.regex_memo.clear()
            hit = self.regex_memo[key] = bool(regex.search(strings[value]))
        return hit

    def _apply_in_stock_order(
        self, doc: Doc, comp_ids: numpy.ndarray, others: list[tuple[int, int, int, int]]
    ) -> None:
        """Tokens a window or Matcher pattern matched: replay all their patterns in the stock order.

        The bulk write already gave these tokens their single-token values; replaying every pattern that
        touched them, sorted as the stock ruler sorts (pattern id, then span), leaves each attribute as
        the stock order leaves it. Matcher patterns may write lexeme attributes, shared by tokens: the
        replay is in that global order too.
        """
        assert self.stock is not None
        replay = []
        for attr_id, match_id, start, end in others:
            span = Span(doc, start, end, label=match_id)
            index = self.stock.indices[attr_id]
            try:
                token = span[index]
            except IndexError:
                raise ValueError(
                    f"attribute_ruler pattern {attr_id}: index {index} is outside the span {[t.text for t in span]}"
                ) from None
            replay.append((attr_id, start, end, token.i))
        for i in {m[3] for m in replay}:
            replay.extend((pid, i, i + 1, i) for pid in self.comps[comp_ids[i]].pattern_ids)
        replay.sort()
        for attr_id, _, _, i in replay:
            set_token_attrs(doc[i], self.stock.attrs[attr_id])


def _holds(check: _Check, value: int | None) -> bool:
    """A single-token check on a folded value (None: a value none of these checks names)."""
    if check.kind == "IN":
        return value is not None and value in check.values
    return value is None or value not in check.values  # NOT_IN


def _value_mask(column: numpy.ndarray, check: _Check) -> numpy.ndarray:
    """Per token, whether an IN / NOT_IN check holds (a few == beat numpy.isin on small sets)."""
    if len(check.values) <= 8:
        inside = numpy.zeros(len(column), dtype=bool)
        for value in check.values:
            inside |= column == value
    else:
        inside = numpy.isin(column, numpy.array(sorted(check.values), dtype=numpy.uint64))
    return inside if check.kind == "IN" else ~inside


def _value_codes(column: numpy.ndarray, known: numpy.ndarray) -> numpy.ndarray:
    """Per token, the index of its value in the sorted known values, or len(known) if not among them."""
    if not len(known):
        return numpy.zeros(len(column), dtype=numpy.intp)
    index = numpy.searchsorted(known, column)
    hit = known[numpy.minimum(index, len(known) - 1)] == column
    return numpy.where(hit, index, len(known))


def _named_values(name: str, single: list[tuple[int, list[tuple[_Check, ...]]]]) -> numpy.ndarray:
    """The values of one attribute that some single-token pattern names (IN or NOT_IN), sorted."""
    named = {v for _, alts in single for alt in alts for c in alt if c.name == name for v in c.values}
    return numpy.array(sorted(named), dtype=numpy.uint64)


def _single_token(
    alternatives: list[list[_Check] | None], pattern: dict[str, Any], attrs: dict[Any, Any]
) -> bool:
    """Whether the pattern can be composed per token: one token, no REGEX, writes only WRITABLE."""
    return (
        pattern.get("index", 0) in (0, -1)
        and bool(attrs)
        and all(a in WRITABLE for a in attrs)
        and all(
            alt is not None and len(alt) == 1 and all(c.regex is None for c in alt[0]) for alt in alternatives
        )
    )


def _token_pattern_checks(alternative: list[dict[Any, Any]], vocab: Any) -> list[tuple[_Check, ...]] | None:
    """Per token of the pattern, its checks; None if some token spec is more than checks can say."""
    out = []
    for token_spec in alternative:
        checks = _token_checks(token_spec, vocab) if isinstance(token_spec, dict) else None
        if not checks:  # (an empty spec matches any token: rare, left to the Matcher)
            return None
        out.append(checks)
    return out or None


def _token_checks(token_spec: dict[Any, Any], vocab: Any) -> tuple[_Check, ...] | None:
    checks = []
    for key, value in token_spec.items():
        if not isinstance(key, str):
            return None
        name = key.upper()
        name = "ORTH" if name == "TEXT" else name
        if name in NOT_READABLE or name not in IDS:
            return None
        if not isinstance(value, dict):
            exact = _exact_value(value, vocab)
            if exact is None:
                return None
            checks.append(_Check(name, "IN", frozenset((exact,))))
            continue
        for predicate, argument in value.items():
            check = _predicate_check(name, str(predicate).upper(), argument)
            if check is None:
                return None
            checks.append(check)
    return tuple(checks)


def _exact_value(value: Any, vocab: Any) -> int | None:
    """The id the Matcher compares an exact value with."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, str):
        return vocab.strings.add(value)
    if isinstance(value, int):
        return value
    return None


def _predicate_check(name: str, predicate: str, argument: Any) -> _Check | None:
    if predicate in ("IN", "NOT_IN"):
        if not isinstance(argument, list | tuple) or not all(isinstance(v, str | int) for v in argument):
            return None
        return _Check(name, predicate, frozenset(get_string_id(v) for v in argument))
    if predicate == "REGEX" and isinstance(argument, str) and name in STRING_ATTRS:
        return _Check(name, "REGEX", regex=re.compile(argument))
    return None


@Language.factory(FAST_RULER_FACTORY)
def make_fast_attribute_ruler(nlp: Language, name: str) -> FastAttributeRuler:
    """Empty until ``adopt(stock_ruler)``; ``install`` does both."""
    return FastAttributeRuler(name)


# ----------------------------------------------------------------------------------------- lemmatizer

# Lemmatizer methods whose answer depends only on the token's orth, pos and morph.
_PURE_RULE = (Lemmatizer.rule_lemmatize,)
_PURE_BASE_FORM = (Lemmatizer.is_base_form, EnglishLemmatizer.is_base_form)
_PURE_LOOKUP = (Lemmatizer.lookup_lemmatize,)


class FastLemmatizer:
    """The stock lemmatizer's lemmas, asked once per (orth, pos, morph) when that is all they depend on.

    Stock ``rule_lemmatize`` reads the token's text, POS and morph only (and caches some answers by
    exactly that key); the English ``is_base_form`` reads POS and morph. When the component's methods
    are those, the first answer for a key is the answer for every token with that key. Otherwise (a
    subclass, another mode) every token is asked, as the stock component does. ``overwrite=False`` is
    respected: tokens that already have a lemma (set by the attribute ruler) keep it.
    """

    def __init__(self, name: str = LEMMATIZER) -> None:
        self.name = name
        self.stock: Lemmatizer | None = None
        self.memo: dict[tuple[int, int, int], tuple[int, str]] = {}  # -> lemma id and string
        self.memoizable = False

    def adopt(self, stock: Lemmatizer) -> None:
        self.stock = stock
        cls = type(stock)
        if stock.mode == "rule":
            self.memoizable = cls.rule_lemmatize in _PURE_RULE and cls.is_base_form in _PURE_BASE_FORM
        elif stock.mode == "lookup":
            self.memoizable = cls.lookup_lemmatize in _PURE_LOOKUP
        self.memo = {}

    def __call__(self, doc: Doc) -> Doc:
        stock = self.stock
        if stock is None or len(doc) == 0:
            return doc
        if not stock._validated:
            stock._validate_tables(Errors.E1004)
        array = doc.to_array([ORTH, POS, MORPH, LEMMA]).reshape(len(doc), 4)
        lemmas = array[:, 3].copy()
        overwrite = stock.overwrite
        memo = self.memo
        strings = doc.vocab.strings
        # In a memory zone the strings added are dropped at its end: a remembered lemma is added again.
        in_zone = doc.vocab.in_memory_zone
        for i, (orth, pos, morph, lemma) in enumerate(array.tolist()):
            if not (overwrite or lemma == 0):
                continue
            key = (orth, pos, morph)
            known = memo.get(key)
            if known is None:
                form = stock.lemmatize(doc[i])[0]
                lemmas[i] = strings.add(form)
                # POS 0 makes the stock lemmatizer warn (W108) each time: keep asking it.
                if self.memoizable and pos != 0:
                    if len(memo) >= MEMO_LIMIT:
                        memo.clear()
                    memo[key] = (int(lemmas[i]), form)
            else:
                lemmas[i] = strings.add(known[1]) if in_zone else known[0]
        doc.from_array([LEMMA], lemmas)
        return doc


@Language.factory(FAST_LEMMATIZER_FACTORY)
def make_fast_lemmatizer(nlp: Language, name: str) -> FastLemmatizer:
    """Empty until ``adopt(stock_lemmatizer)``; ``install`` does both."""
    return FastLemmatizer(name)
