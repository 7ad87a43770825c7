"""Quotes and their speakers: direct, partial and indirect, found on the parsed Doc.

    find_attributions(doc) -> Attributions(quotes, scopes)

Direct and partial quotes start from quotation marks (marks.py); the cue is the speech verb the quote
hangs from in the parse (climbing from the quote to the first verb of speech), else a speech verb next
to it, else -- for a few quoted words inside a clause -- the clause's verb; a quote with no cue that
follows another quote continues it. Indirect quotes are the clausal complements of verbs of speech
and belief ("X said (that) ...") and the clauses "according to X" hangs from. A scope is the stretch
of text a source chain covers: events inside it are attributed to that chain.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cache

import numpy
from spacy.tokens import Doc, Span, Token

from newsevents.attribution import sources as src
from newsevents.attribution import table as tt
from newsevents.attribution.lexicon import lexicon
from newsevents.attribution.marks import QuotedText, find_quoted
from newsevents.attribution.speakers import SUBJECTS, Resolver, mention_span, subject_of
from newsevents.attribution.table import AUX, NOUN, PRON, VERB, TokenTable, dep_ids, ids
from newsevents.model import Attribution, Quote, QuoteKind, TextSpan
from newsevents.nlp import doc_text, span_text

_CLIMB = 8  # how far up the parse a quote may hang from its cue
_CONTINUE_GAP = 4  # words outside quotes between a quote and the one it continues
_CCOMP, _DOBJ, _POSS = dep_ids("ccomp"), dep_ids("dobj"), dep_ids("poss")
_NSUBJPASS, _AGENT, _POBJ = dep_ids("nsubjpass"), dep_ids("agent"), dep_ids("pobj")
_NSUBJ = dep_ids("nsubj", "nsubjpass")
(_AS,) = ids(["as"])
_AS_IDS = frozenset({_AS})
_VERB, _VERBS = frozenset({VERB}), frozenset({VERB, AUX})
(_ACCORDING,) = ids(["according"])
(_THAT,) = ids(["that"])
_AMOD, _MARK, _PREP, _XCOMP = dep_ids("amod"), dep_ids("mark"), dep_ids("prep"), dep_ids("xcomp")
_OBJECTS = dep_ids("dobj", "oprd", "dative")  # what a verb of speech reports when it has no clause
_POBJ_PCOMP = dep_ids("pobj", "pcomp")
# A signature after a quote: a dash, then a name to the end of the paragraph.
_SIGNATURE = re.compile(r"[ \t]*([―—–]|--?)[ \t]*([A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,4})[ \t.,]*$")
# A speaker label opening a paragraph: one to four capitalised words, then a colon.
_LABEL = re.compile(
    r"(?m)^[ \t]*[\"“]?((?:[A-Z][\w.'’-]*[ \t]+){0,3}[A-Z][\w.'’-]*)[ \t]*(:)[ \t]+(\S[^\n]*)$"
)


@dataclass(slots=True)
class Scope:
    """Characters covered by one source chain (innermost first, without the outlet)."""

    start: int
    end: int
    chain: list[Attribution]
    belief: bool = False
    cue: int | None = None  # token index of the cue, which is outside the scope


@dataclass(slots=True)
class Attributions:
    quotes: list[Quote] = field(default_factory=list)
    scopes: list[Scope] = field(default_factory=list)
    sentence_chains: dict[int, list[Attribution]] = field(default_factory=dict)  # sentence start char
    report_chain: list[Attribution] = field(default_factory=list)
    outlet_name: str = "the outlet"  # the outlet every chain ends with (sources.outlet)
    sentence_starts: list[int] = field(default_factory=list)  # first token of each sentence
    sentence_chars: list[int] = field(default_factory=list)  # and its first character


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    kind: QuoteKind
    cue: Span | None
    speaker_span: Span | None
    speaker: str | None
    channels: list[Attribution]
    belief: bool = False
    speaker_attr: Attribution | None = None
    # Scopes events: False for an object the cue verb takes ("praised troops fighting in Ukraine"),
    # which is the outlet's description of the speech act, not the speaker's claim.
    claim: bool = True


class _Finder:
    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.lex = lexicon()
        self.table = TokenTable(doc)
        self.sents = list(doc.sents)
        starts = [s.start for s in self.sents]
        self.resolver = Resolver(doc, self.table, starts)
        self.article = doc._.newsevents_article
        self.outlet_name = src.outlet(doc).name
        # Token index -> its sentence's index (the sentences cover the Doc, one run of tokens each).
        lengths = numpy.diff([*starts, len(doc)])
        self.sent_of = dict(enumerate(numpy.repeat(numpy.arange(len(starts)), lengths).tolist()))
        self.according_found = self._according_phrases()
        self.channels = self._sentence_channels()
        self.report_chain = src.named_report_chain(doc, self.resolver, self.channels)
        # Heads of clausal complements: only these can report a clause (found once, not per verb).
        self.ccomp_heads = self.table.heads_of(_CCOMP)
        self.found: list[_Found] = []
        self.cue_tokens: set[int] = set()
        self.quoted: list[tuple[int, int]] = []  # token ranges inside marks (including the marks)
        self._quoted_mask = bytearray(len(doc))  # the same ranges, one flag per token, for in_quote
        self.label_ranges: list[tuple[int, int]] = []  # char ranges of words after a speaker label

    def _according_phrases(self) -> list[list[tuple[Token, Token, tuple[int, int]]]]:
        """Each sentence's 'according to' phrases; only sentences with a phrase's first word are read."""
        firsts = ids(pattern[0] for pattern in self.lex.according)
        hits = {self.sent_of[i] for i in self.table.where(tt.LOWER_COLUMN, firsts)}
        return [src.according_phrases(self.table, s) if n in hits else [] for n, s in enumerate(self.sents)]

    def _sentence_channels(self) -> list[list[src.Channel]]:
        """Each sentence's channels, reading only the words that can be one (see sentence_channels)."""
        lex, table = self.lex, self.table
        adverbs = table.where(tt.LOWER_COLUMN, ids(lex.report_adverbs))
        relays = [i for i in table.where(tt.POS_COLUMN, _VERB) if table.lemma[i] in lex.relay]
        words: list[list[int]] = [[] for _ in self.sents]
        for i in sorted({*adverbs, *relays}):
            words[self.sent_of[i]].append(i)
        return [
            src.sentence_channels(self.doc, s, self.resolver, phrases, [self.doc[i] for i in found])
            if phrases or found
            else []
            for s, phrases, found in zip(self.sents, self.according_found, words, strict=True)
        ]

    # -- direct and partial ---------------------------------------------------------------------------

    def marks(self) -> list[QuotedText]:
        out = []
        for q in find_quoted(doc_text(self.doc)):
            if not any(c.isalnum() for c in doc_text(self.doc)[q.start : q.end]):
                continue
            if self.article is not None and self.article.is_boilerplate(q.start, q.end):
                continue
            out.append(q)
        return out

    def in_quote(self, i: int) -> bool:
        return bool(self._quoted_mask[i]) if 0 <= i < len(self._quoted_mask) else False

    def direct(self) -> None:
        quotes = self.marks()
        spans = []
        for q in quotes:
            end = q.end
            while end > q.start and doc_text(self.doc)[end - 1] in " ,;:\n":
                end -= 1  # the comma before the closing mark belongs to the frame, not the words
            span = self.doc.char_span(q.start, end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            lo = self._token_at(q.open_mark)
            hi = self._token_at(q.close_mark) if q.close_mark is not None else span.end - 1
            spans.append((q, span, end))
            a, b = min(lo, span.start), max(hi + 1, span.end)
            self.quoted.append((a, b))
            self._quoted_mask[a:b] = b"\x01" * (b - a)
        previous: _Found | None = None
        previous_end_token = -1
        labelled = [(f.start, f.end) for f in self.found]
        for q, span, end in spans:
            if any(q.start <= a < q.end and (a, b) != (q.start, end) for a, b in labelled):
                continue  # a transcript in quotation marks: its speaker labels split it, not the marks
            cues_before = set(self.cue_tokens)
            found = self._direct_one(q, span, end, previous, previous_end_token)
            continued = previous is not None and found.cue is not None and found.cue is previous.cue
            if continued and self._heading(q, span):
                self.cue_tokens = cues_before
                continue  # 'Legend in the Coal Fields.': a section heading in quotation marks
            if _title_like(self.table, span) and (found.cue is None or found.kind == "partial"):
                # “Fox News Sunday”, “Shark Tank”: a title in quotation marks, nobody's words; the verb
                # it hangs from stays free to frame the sentence ("..., according to show insiders").
                self.cue_tokens = cues_before
                continue
            self.found.append(found)
            previous, previous_end_token = found, span.end

    def _heading(self, q: QuotedText, span: Span) -> bool:
        """A paragraph that is nothing but a short title-cased phrase in quotation marks."""
        text = doc_text(self.doc)
        line_start = text.rfind("\n", 0, q.start) + 1
        line_end = text.find("\n", q.end)
        line_end = len(text) if line_end < 0 else line_end
        alone = not text[line_start : q.start].strip(" \t“\"‘'") and not text[q.end : line_end].strip(
            " \t”\"’'."
        )
        table = self.table
        words = [i for i in range(span.start, span.end) if table.is_alpha[i] and not table.is_stop[i]]
        return alone and _title_like(table, span) and len(words) >= 2

    def _token_at(self, char: int) -> int:
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        return span.start if span is not None else 0

    def _direct_one(
        self, q: QuotedText, span: Span, end: int, previous: _Found | None, previous_end: int
    ) -> _Found:
        kind = self._kind(q, span)
        signed = self._signed(q, span, end, kind)
        if signed is not None:
            return signed
        cue, fallback = self._cue_by_tree(span)
        if cue is None or kind == "direct":
            # '“...,” Mr. Obama said.' -- the verb right after the closing mark beats a verb the
            # parser hung the quote from in another sentence or paragraph.
            cue = self._cue_after(span) or cue
        prev_cue = previous.cue.root.i if previous is not None and previous.cue is not None else None
        # “A,” he said. “B.” -- B goes on with A before any verb after B is considered.
        continues = previous is not None and self._continues(previous_end, span.start, prev_cue)
        if cue is None and not continues:
            cue = self._cue_nearby(span)
        if cue is None and kind == "partial" and not continues:
            cue = fallback
        if cue is None and continues and previous is not None:
            return _Found(
                q.start, end, kind, previous.cue, previous.speaker_span, previous.speaker,
                list(previous.channels), previous.belief, previous.speaker_attr,
            )  # fmt: skip
        label = next(
            (f for f in self.found if f.start <= q.start and q.end <= f.end and f.kind != "partial"), None
        )
        if cue is None and label is not None:
            return _Found(
                q.start,
                end,
                kind,
                label.cue,
                label.speaker_span,
                label.speaker,
                [],
                False,
                label.speaker_attr,
            )
        if cue is None:
            sent = self.sent_of.get(span.start, 0)
            chans = [a for c in self.channels[sent] if not self._inside(c.phrase, span) for a in c.chain]
            return _Found(q.start, end, kind, None, None, None, chans)
        return self._attributed(q.start, end, kind, cue, exclude=span)

    def _signed(self, q: QuotedText, span: Span, end: int, kind: QuoteKind) -> _Found | None:
        """'"..." ― Sonya Herridge': a quote signed with a dash and a name ends its paragraph."""
        if q.close_mark is None:
            return None
        text = doc_text(self.doc)
        line_end = text.find("\n", q.close_mark)
        m = _SIGNATURE.match(text, q.close_mark + 1, line_end if line_end >= 0 else len(text))
        if m is None:
            return None
        speaker_span = self.doc.char_span(m.start(2), m.end(2), alignment_mode="expand")
        cue = self.doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        if speaker_span is None or cue is None:
            return None
        attr = src.classify(self.doc, speaker_span, self.resolver)
        speaker = attr.actor or self.resolver.resolve(speaker_span)
        return _Found(q.start, end, kind, cue, speaker_span, speaker, [], False, attr)

    def _kind(self, q: QuotedText, span: Span) -> QuoteKind:
        text = doc_text(self.doc)
        i = q.open_mark - 1
        while i >= 0 and text[i] in " \t":
            i -= 1
        before = text[i] if i >= 0 else "\n"
        if before in ":,\n—–(" or i < 0:
            return "direct"
        first = text[q.start : q.start + 1]
        sent = self.sents[self.sent_of.get(span.start, 0)]
        if sent.start >= span.start - 1:
            return "direct"
        if first.islower():
            return "partial"
        has_clause = any(t.dep_ in ("nsubj", "nsubjpass") for t in span)
        return "direct" if has_clause and len(span) > 5 else "partial"

    def _cue_by_tree(self, span: Span) -> tuple[Token | None, Token | None]:
        """The cue verb the quote hangs from, and the first clause verb above it (for partial quotes)."""
        best: tuple[int, Token] | None = None
        fallback: tuple[int, Token] | None = None
        head = self.table.head
        anchors = [self.doc[i] for i in range(span.start, span.end) if not (span.start <= head[i] < span.end)]
        for anchor in anchors:
            tok, steps = anchor.head, 0
            while steps < _CLIMB:
                steps += 1
                if not self.in_quote(tok.i):
                    lemma = tok.lemma_.lower()
                    if tok.pos_ in ("VERB", "AUX") and (lemma in self.lex.cues or lemma in self.lex.relay):
                        tok = self._core_above(tok) or tok
                        if best is None or steps < best[0]:
                            best = (steps, tok)
                        break
                    if (
                        tok.pos_ in ("VERB", "AUX")
                        and subject_of(self.table, tok.i) is not None
                        and fallback is None
                    ):
                        fallback = (steps, tok)
                if tok.head.i == tok.i:
                    break
                tok = tok.head
        return (best[1] if best else None), (fallback[1] if fallback else None)

    def _core_above(self, cue: Token) -> Token | None:
        """A plain verb of speech above a weaker cue, in the same sentence ("She said he favors ...")."""
        lemma = cue.lemma_.lower()
        if lemma not in self.lex.attitude and lemma not in self.lex.belief:
            return None
        for steps, tok in enumerate(cue.ancestors):
            if steps >= _CLIMB:
                break
            if (
                tok.pos_ in ("VERB", "AUX")
                and tok.lemma_.lower() in self.lex.core
                and not self.in_quote(tok.i)
            ):
                return tok
        return None

    def _cue_after(self, span: Span) -> Token | None:
        """“... too big to regulate?” Vitter demanded. -- a verb of speech with its own subject right
        after the closing mark, in the same paragraph, frames the quote even when the parser ends the
        sentence at the mark or hangs the quote from a verb elsewhere."""
        doc = self.doc
        after = next((b for a, b in self.quoted if a <= span.start < b), span.end)
        if after >= len(doc):
            return None  # nothing after; and an empty Span at the Doc's end would join the whole text
        words = 0
        for tok in doc[after : min(after + 10, len(doc))]:
            if "\n" in tok.text or tok.text in (".", "!", "?", ";") or self.in_quote(tok.i) or tok.is_quote:
                return None
            if tok.is_punct or tok.is_space:
                continue
            if tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in self.lex.speech:
                own = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
                return tok if own and not self.in_quote(own[0].i) else None  # not ", adding that ..."
            words += 1
            if words > 6:
                return None
        return None

    def _cue_nearby(self, span: Span) -> Token | None:
        """A speech verb outside quotes in the quote's sentences, or ending the sentence before with ':'."""
        first, last = self.sent_of.get(span.start, 0), self.sent_of.get(span.end - 1, 0)
        candidates = []
        for index in range(first, last + 1):
            for tok in self.sents[index]:
                if self.in_quote(tok.i) or tok.pos_ not in ("VERB", "AUX"):
                    continue
                if tok.lemma_.lower() in self.lex.speech:
                    lo, hi = sorted((tok.idx, span.start_char if tok.i < span.start else span.end_char))
                    if "\n" in doc_text(self.doc)[lo:hi]:
                        continue  # a cue in another paragraph is another quote's
                    distance = min(abs(tok.i - span.start), abs(tok.i - span.end))
                    candidates.append((distance, tok))
        if not candidates and last + 1 < len(self.sents):
            # “... anything?” Graham asked. -- the parser may start a sentence at the closing mark.
            after = self.sents[last + 1]
            if after.start - span.end <= 2:
                for tok in after[:4]:
                    if tok.lemma_.lower() in self.lex.speech and tok.pos_ in ("VERB", "AUX"):
                        candidates.append((tok.i - span.end, tok))
                        break
        if not candidates and first > 0:
            before = self.sents[first - 1]
            tail = [t for t in before if not t.is_space]
            if tail and tail[-1].text == ":":
                for tok in reversed(tail):
                    if tok.lemma_.lower() in self.lex.speech and tok.pos_ in ("VERB", "AUX"):
                        candidates.append((0, tok))
                        break
        if not candidates:
            return None
        distance, tok = min(candidates, key=lambda c: c[0])
        return tok if distance <= 12 else None

    def _continues(self, previous_end: int, start: int, previous_cue: int | None = None) -> bool:
        """Does a cue-less quote at token `start` go on with the quote that ended at `previous_end`?"""
        text = doc_text(self.doc)
        gap_start = self.doc[previous_end - 1].idx if previous_end > 0 else 0
        quote_at = self.doc[start].idx
        line_start = text.rfind("\n", 0, quote_at) + 1
        # A paragraph that is all quote, right after the paragraph with the attributed quote, goes on
        # with the same speaker (the newspaper convention for long quotes).
        if line_start > gap_start and not text[line_start:quote_at].strip(" \t“\"‘'"):
            between = [p for p in text[gap_start:line_start].split("\n")[1:] if p.strip()]
            if not between:
                return True
        gap = self.doc[previous_end:start]
        if previous_cue is not None and gap.start <= previous_cue < gap.end and len(gap) <= 60:
            # “A,” said X, in passing. “B.”: the words between are the first quote's own frame, however
            # long the speaker's description ("said Peter Morgan, a lawyer for ..., who has been ...").
            ends = [t for t in gap if t.text in (".", "!", "?") and not self.in_quote(t.i)]
            other = [
                t
                for t in gap
                if t.i != previous_cue and t.pos_ == "VERB" and t.lemma_.lower() in self.lex.speech
            ]
            if len(ends) <= 1 and (len(gap) <= 25 or not other):
                return True
        same_area = self.sent_of.get(start, 0) - self.sent_of.get(max(previous_end - 1, 0), 0) <= 2
        if not same_area:
            return False
        words = 0
        for t in gap:  # stop counting once there are too many: gaps can be long
            if t.is_alpha and not self.in_quote(t.i):
                words += 1
                if words > _CONTINUE_GAP:
                    return False
        return True

    def _inside(self, phrase: tuple[int, int], span: Span) -> bool:
        return span.start <= phrase[0] and phrase[1] <= span.end

    # -- a cue's speaker and channels ------------------------------------------------------------------

    def _attributed(self, start: int, end: int, kind: QuoteKind, cue: Token, exclude: Span | None) -> _Found:
        lemma = cue.lemma_.lower()
        speaker_tok = None
        dep = self.table.dep
        if lemma in self.lex.continuation and not any(dep[c] in _NSUBJ for c in self.table.children(cue.i)):
            earlier = [
                f for f in self.found
                if f.cue is not None and f.cue.root.i < cue.i and self.sent_of.get(f.cue.root.i) == self.sent_of.get(cue.i)
            ]  # fmt: skip
            if earlier:
                e = max(earlier, key=lambda f: f.cue.root.i)  # the nearest speech before this one
                self.cue_tokens.add(cue.i)
                chans = self._channels_for(cue, exclude, e.speaker_span)
                return _Found(
                    start, end, kind, self.doc[cue.i : cue.i + 1], e.speaker_span, e.speaker, chans,
                    lemma in self.lex.belief, e.speaker_attr,
                )  # fmt: skip
        cited = src.cited(self.doc, cue, self.resolver) if lemma in self.lex.relay else []
        subject_i = _agent(self.table, cue.i)
        if subject_i is None:
            subject_i = subject_of(self.table, cue.i)
        subject = self.doc[subject_i] if subject_i is not None else None
        frame = None
        if subject is not None and self.in_quote(subject.i) and not self.in_quote(cue.i):
            frame = self._frame_subject(cue)  # words quoted never speak
            subject = None
        elif subject is None and cue.tag_ in ("VBD", "VBZ", "VBP") and not self.in_quote(cue.i):
            frame = self._frame_subject(cue)  # a finite verb after a quote: its subject is between
        elif (
            cue.dep_ == "parataxis"
            and subject is not None
            and "," in [t.text for t in self.doc[subject.i : cue.i]]
        ):
            # "To understand the real Dred Scott, Chief Justice Roberts said, one should ...": the
            # parser's subject reaches back past the comma; the speaker is the phrase after it.
            frame = self._frame_subject(cue, commas=True)
        elif subject is not None:
            subject = self._same_paragraph(subject)
        if subject is None and frame is None:
            frame = self._paragraph_subject(cue)
        if frame is not None:
            subject = _phrase_head(frame)
        resolve_tok = subject
        if subject is not None and subject.tag_ in ("WDT", "WP") and subject.head.dep_ == "relcl":
            resolve_tok = subject.head.head  # "the senator, who said ...": the noun the clause hangs on
        if subject is not None:
            speaker_tok = subject
        speaker_span = (
            mention_span(self.table, speaker_tok.i, clauses=True) if speaker_tok is not None else None
        )
        if frame is not None:
            speaker_span = frame
        elif subject is not None and subject.lower_ == "that" and resolve_tok is not subject:
            # "a raft of new rules that promise to ...": a restrictive clause's 'that' is no name; the
            # noun it restricts is the speaker ('who' and 'which' stay, as written).
            speaker_span = mention_span(self.table, resolve_tok.i)
        speaker_attr = None
        speaker = None
        chans = self._channels_for(cue, exclude, speaker_span)
        if speaker_span is not None and resolve_tok is not None:
            named_span = mention_span(self.table, resolve_tok.i)
            speaker_attr = src.classify(self.doc, named_span, self.resolver, cue)
            speaker = (
                self.resolver.resolve(named_span, cue) if speaker_attr.actor is None else speaker_attr.actor
            )
            if speaker_attr.actor is None and speaker is not None:
                speaker_attr.actor = speaker
        if cited:
            # "X reported, citing Y": the words are Y's, and X relayed them.
            chans = [speaker_attr, *chans] if speaker_attr is not None else chans
            speaker_attr = cited[0]
            speaker = cited[0].actor
            speaker_span = self.doc.char_span(cited[0].start, cited[0].end, alignment_mode="expand")
        self.cue_tokens.add(cue.i)
        return _Found(
            start, end, kind, self.doc[cue.i : cue.i + 1], speaker_span, speaker, chans,
            lemma in self.lex.belief and lemma not in self.lex.speech, speaker_attr,
        )  # fmt: skip

    def _same_paragraph(self, subject: Token) -> Token | None:
        """'The Latest on the race (all times EDT):\n\n7 p.m.\n\nDonald Trump is questioning ...': the
        parser may take a live blog's header for the subject and hang the name on it; the speaker is
        the noun of that subject phrase in its verb's paragraph (none if it has none)."""
        text = doc_text(self.doc)
        verb = subject.head
        start = text.rfind("\n", 0, verb.idx) + 1
        if subject.idx >= start or subject.i > verb.i:
            return subject
        inside = [
            t
            for t in subject.subtree
            if start <= t.idx and t.i < verb.i and t.pos_ in ("PROPN", "NOUN", "PRON") and t.head.idx < start
        ]
        return inside[0] if inside else None

    def _paragraph_subject(self, cue: Token) -> Span | None:
        """'7 p.m.\n\nDonald Trump is once again questioning ..., urging ...': when the parser hangs a
        paragraph's opening name on the header before it, the verb (or a verb it leads to) has no
        subject; the noun phrase opening the paragraph right before its first verb is the speaker."""
        doc, text = self.doc, doc_text(self.doc)
        start = text.rfind("\n", 0, cue.idx) + 1
        first = self._token_at(start)
        while first < cue.i and doc[first].is_space:
            first += 1
        verb = first
        while verb < cue.i and doc[verb].pos_ not in ("VERB", "AUX"):
            verb += 1
        run = doc[first:verb]
        allowed = ("PROPN", "NOUN", "PRON", "DET", "ADJ", "NUM", "PART", "PUNCT")
        if (
            not run
            or any(t.pos_ not in allowed for t in run)
            or not any(t.pos_ in ("PROPN", "NOUN") for t in run)
        ):
            return None
        # The cue must be that first verb group's verb, or hang from it through clauses without subjects.
        tok = cue
        while tok.dep_ in ("advcl", "xcomp", "conj") and not any(c.dep_ in SUBJECTS for c in tok.children):
            tok = tok.head
        group = [t for t in doc[verb : tok.i + 1] if t.pos_ in ("VERB", "AUX") or t.dep_ in ("advmod", "neg")]
        if tok.dep_ in ("acl", "relcl", "amod") and tok.head.idx >= start:
            return None  # "The program, called EB-5,": a participle naming the noun, not its speech
        return run if tok.i >= verb and len(group) == tok.i - verb + 1 else None

    def _frame_subject(self, cue: Token, *, commas: bool = False) -> Span | None:
        """“...,” Flynn, a top Trump surrogate, said on “Fox and Friends.” -- the parser may hang the
        name on the quote's last noun and take a title in quotation marks as the subject; words quoted
        never speak, and the noun phrase between the closing mark (or with `commas`, the comma) and
        the cue does. The parser may also end the sentence at the closing mark: the scan crosses it."""
        doc = self.doc
        hi = cue.i
        while hi > 0 and (
            doc[hi - 1].is_punct
            and not doc[hi - 1].is_quote
            or doc[hi - 1].is_space
            or doc[hi - 1].dep_ in ("aux", "auxpass", "neg")  # "Donald Trump is encouraging"
        ):
            hi -= 1
        lo = hi
        while lo > 0 and hi - lo <= 25:
            before = doc[lo - 1]
            if before.is_quote or self.in_quote(before.i) or (commas and before.text == ","):
                break
            if "\n" in before.text or before.text in (".", "!", "?", ";"):
                return None
            lo -= 1
        if lo == hi or lo == 0 or hi - lo > 25:
            return None
        phrase = doc[lo:hi]
        if any(t.pos_ in ("VERB", "AUX") and not t.is_title for t in phrase):
            return None  # a clause, not a noun phrase ('Tulsa' taken for a verb is still a name)
        return phrase if any(t.pos_ in ("PROPN", "NOUN", "PRON") for t in phrase) else None

    def _channels_for(self, cue: Token, exclude: Span | None, speaker_span: Span | None) -> list[Attribution]:
        """The channels of the cue's sentence, nearest to the cue in the parse first."""
        sent = self.sent_of.get(cue.i, 0)
        ancestors = {t.i: n for n, t in enumerate(cue.ancestors, start=1)}
        ranked = []
        for channel in self.channels[sent]:
            if exclude is not None and self._inside(channel.phrase, exclude):
                continue
            if channel.anchor.i == cue.i and channel.phrase == (cue.i, cue.i + 1):
                continue  # the cue itself is a relay verb: its subject is the speaker
            if speaker_span is not None and channel.phrase[0] <= speaker_span.start < channel.phrase[1]:
                continue
            if channel.anchor.i == cue.i:
                rank = 0
            elif channel.anchor.i in ancestors:
                rank = ancestors[channel.anchor.i]
            else:
                rank = 20 + abs(channel.anchor.i - cue.i) / 1000
            ranked.append((rank, channel))
        ranked.sort(key=lambda rc: rc[0])
        return [a for _, c in ranked for a in c.chain]

    # -- indirect ------------------------------------------------------------------------------------

    def indirect(self) -> None:
        doc = self.doc
        taken = [(f.start, f.end) for f in self.found if f.kind != "partial"]
        partial = {f.cue.root.i: f for f in self.found if f.cue is not None and f.kind == "partial"}
        direct_cues = {f.cue.root.i for f in self.found if f.cue is not None and f.kind == "direct"}
        direct_spans = _merged([(f.start, f.end) for f in self.found if f.kind == "direct"])
        table = self.table
        for i in self._reporting_candidates():  # verbs: their part of speech is checked there
            if i in direct_cues or self.in_quote(i) or table.dep[i] in _AMOD or table.lower[i] == _ACCORDING:
                continue
            tok = doc[i]
            lemma = table.lemma[i]
            listed = lemma in self.lex.speech or lemma in self.lex.belief or lemma in self.lex.attitude
            if not listed and not self._animate_clause(tok) and not self._speech_act_object(tok):
                continue
            if (
                lemma in ("cite", "quote")
                and tok.tag_ == "VBG"
                and tok.head.lemma_.lower() in self.lex.cues | self.lex.relay
            ):
                continue  # "X reported, citing Y": Y is X's source, not something X said
            content = self._complement(tok)
            if content is None:
                continue
            start, end = content.start_char, content.end_char
            if tok.i in partial:
                pq = partial[tok.i]
                if start <= pq.start and pq.start - end <= 3 and pq.end > end:
                    # the quote ends the clause the parse left out: "... focusing on “he said this”"
                    end = pq.end
                    content = doc.char_span(start, end, alignment_mode="expand") or content
                clausal = i in self.ccomp_heads
                if not (start <= pq.start and pq.end <= end) and not clausal:
                    continue  # the partial quote is this cue's content ("describing them as 'heroic'")
                if pq.start - start <= 2 and end - pq.end <= 2:
                    continue  # the complement is the quote itself
            inside = _tokens_within(self.table.idx, content.start, content.end, direct_spans)
            if inside > len(content) / 2 and tok.i not in partial:
                continue  # the frame of a direct quote, already found
            if any(a <= start and end <= b for a, b in taken):
                continue
            found = self._attributed(start, end, "indirect", tok, exclude=content)
            found.claim = i in self.ccomp_heads or content.end <= i
            self.found.append(found)
            taken.append((start, end))

    def _reporting_candidates(self) -> list[int]:
        """Verbs that may report something: listed, or heading a clausal complement (_animate_clause),
        or with an object after them that is a speech-act or quantity noun (_speech_act_object).
        Every other verb fails indirect()'s tests, so it is never made into a Token."""
        table = self.table
        listed, object_nouns = _reporting_words()
        head, lemma = table.head, table.lemma
        acts = {
            head[i] for i in table.where(tt.DEP_COLUMN, _DOBJ) if i > head[i] and lemma[i] in object_nouns
        }
        heads = self.ccomp_heads
        return [
            i for i in table.where(tt.POS_COLUMN, _VERBS) if lemma[i] in listed or i in heads or i in acts
        ]

    def _seen_as(self, verb: Token) -> list[Token]:
        """'who saw the comment as a dig', 'views him as a threat': the object and what it is taken as."""
        objs = [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i]
        if not objs:
            return []
        as_preps = [c for t in (verb, objs[0]) for c in t.children if c.dep_ == "prep" and c.lower_ == "as"]
        return [objs[0], *as_preps] if as_preps else []

    def _aside(self, verb: Token) -> bool:
        """A verb of speech set off inside the clause it reports ("X, he added, are ...")."""
        head = verb.head
        return (
            verb.dep_ == "parataxis"
            and verb.lemma_.lower() in self.lex.speech
            and head.i > verb.i
            and head.left_edge.i < verb.left_edge.i
            and not self.in_quote(head.i)
        )

    def _fronted(self, verb: Token) -> Span | None:
        """'Talks are stalled, officials say.': the words before 'officials say' are what they say."""
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None or verb.lemma_.lower() not in self.lex.speech:
            return None
        first = min(t.i for t in subject.subtree)
        sent = verb.sent
        if first - 1 <= sent.start or self.doc[first - 1].text != ",":
            return None
        lo, hi = sent.start, first - 1
        while lo < hi and (self.doc[lo].is_punct or self.doc[lo].is_space):
            lo += 1
        return self.doc[lo:hi] if hi - lo >= 2 else None

    def _animate_clause(self, verb: Token) -> bool:
        """A verb not in our lists that takes a clause and has a person or group as its subject
        ("Clinton hinted that ...", "aides fretted that ..."): clausal complements of people's verbs
        report their words or thoughts."""
        if verb.lemma_.lower() in ("be", "have", "do", "make", "let", "see", "get") or not verb.is_alpha:
            return False  # a dash or a number the parser took for a verb reports nothing
        if verb.i not in self.ccomp_heads:
            return False
        clauses = [c for c in verb.children if c.dep_ == "ccomp"]
        if not any(g.dep_ in ("nsubj", "nsubjpass") for c in clauses for g in c.children):
            return False
        return self._animate_subject(verb)

    def _speech_act_object(self, verb: Token) -> bool:
        """'Trump unleashed a flurry of tweets', 'The city sent a cease-and-desist letter', 'Clinton laid
        out her proposals': a person's or group's verb whose object is something said or written reports
        it, whatever the verb (the nouns are listed in cues.yaml, act_nouns)."""
        if verb.lemma_.lower() in self.lex.receiving or not verb.is_alpha:
            return False  # "faced questions", "drew criticism": the subject is who the words are aimed at
        obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
        if obj is None:
            return False
        head = obj
        if obj.lemma_.lower() in self.lex.quantity_nouns:  # "a flurry of tweets", "a series of ads"
            head = next((g for p in obj.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children
                         if g.dep_ == "pobj"), obj)  # fmt: skip
        if any(c.dep_ == "poss" and c.pos_ != "PRON" for c in head.children):
            return False  # "Volodin delivered Mr Putin's letter": the words are the named owner's, not the subject's
        return head.lemma_.lower() in self.lex.act_nouns and self._animate_subject(verb)

    def _animate_subject(self, verb: Token) -> bool:
        """Is the verb's own subject a person or a group (a pronoun for one, or an actor of that kind)?"""
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None:
            return False
        if subject.lower_ in ("he", "she", "they", "i", "we", "you"):
            return True
        actor = self.resolver._stage_actor(self.doc[subject.i : subject.i + 1])
        kind = self.resolver._actor_kind(actor)
        people = ("person", "organization", "media", "state", "group")
        return kind in people or subject.ent_type_ in ("PERSON", "ORG")

    def _complement(self, verb: Token) -> Span | None:
        """What a verb of speech or belief reports: its clause, else its objects ("urged X to Y")."""
        table, lex, v = self.table, self.lex, verb.i
        dep, children = table.dep, table.children
        lemma = table.lemma[v]
        below = children(v)
        comps = [c for c in below if dep[c] in _CCOMP and not self.in_quote(c)]
        if comps:
            # The largest clause (the first of equals).
            toks = sorted(max((table.subtree(c) for c in comps), key=len))
        else:
            deps = _XCOMP if lemma in lex.belief else _OBJECTS
            parts = [c for c in below if dep[c] in deps and c > v]
            if lemma not in lex.belief:
                # "urged supporters to monitor ...", "vowed to bring back ...": what was asked or promised.
                parts += [c for c in below if dep[c] in _XCOMP and c > v]
            if lemma in lex.speech or lemma in lex.attitude:
                preps = lex.topic_preps | lex.verb_preps.get(lemma, frozenset())
                for prep in below:
                    if dep[prep] in _PREP and prep > v and table.token_text(prep).lower() in preps:
                        parts += [c for c in children(prep) if dep[c] in _POBJ_PCOMP]
            if not parts and (lemma in lex.belief or lemma in lex.attitude):
                parts = [t.i for t in self._seen_as(verb)]
            if _agent(table, v) is not None:
                # "The issue was first reported by The Washington Post", "has been called a charlatan
                # by fellow physicians": what the agent said is about the passive subject.
                parts = [c for c in below if dep[c] in _NSUBJPASS] + parts
            if not parts and self._aside(verb):
                parts = [
                    table.head[v]
                ]  # "The weapons at its disposal, he added, are like ...": around the aside
            if not parts:
                return self._fronted(verb)
            toks = sorted(i for c in parts for i in table.subtree(c))
            if len(toks) == 1 and table.pos[toks[0]] == PRON:
                return None  # "said it": nothing reported
        lo, hi = toks[0], toks[-1] + 1
        is_punct, is_space = table.is_punct, table.is_space
        while lo < hi and (is_punct[lo] or table.lower[lo] == _THAT and dep[lo] in _MARK):
            lo += 1
        while hi > lo and (is_punct[hi - 1] or is_space[hi - 1]):
            hi -= 1
        if hi - lo < 1:
            return None
        return self.doc[lo:hi]

    # -- nouns of speech ----------------------------------------------------------------------------

    def nominal(self) -> None:
        """'Trump's claim that ...', 'her criticism of the plan': a possessor speaking through a noun."""
        doc = self.doc
        taken = [(f.start, f.end) for f in self.found]
        table = self.table
        owned = table.heads_of(_POSS)  # a noun without a possessor has no speaker here
        for i in sorted(owned):
            if table.pos[i] != NOUN or table.lemma[i] not in self.lex.nouns or self.in_quote(i):
                continue
            tok = doc[i]
            owner = next((c for c in tok.children if c.dep_ == "poss"), None)
            if owner is None:
                continue
            parts = [c for c in tok.children if c.dep_ in ("acl", "ccomp") and c.i > tok.i]
            clause = bool(parts) and any(g.dep_ == "mark" for p in parts for g in p.children)
            if not parts:
                for prep in tok.children:
                    if prep.dep_ == "prep" and prep.lower_ in self.lex.topic_preps | {"on"}:
                        parts += [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
            if not parts:
                continue
            toks = sorted(t.i for p in parts for t in p.subtree)
            lo, hi = toks[0], toks[-1] + 1
            while lo < hi and (doc[lo].is_punct or (doc[lo].lower_ == "that" and doc[lo].dep_ == "mark")):
                lo += 1
            while hi > lo and doc[hi - 1].is_punct:
                hi -= 1
            if hi <= lo:
                continue
            content = doc[lo:hi]
            start, end = content.start_char, content.end_char
            if any(a <= start and end <= b for a, b in taken):
                continue
            speaker_span = mention_span(self.table, owner.i, clauses=True)
            named_span = mention_span(self.table, owner.i)
            attr = src.classify(doc, named_span, self.resolver)
            speaker = attr.actor or self.resolver.resolve(named_span)
            chans = self._channels_for(tok, content, speaker_span)
            found = _Found(start, end, "indirect", doc[tok.i : tok.i + 1], speaker_span, speaker, chans,
                           tok.lemma_.lower() in self.lex.belief, attr)  # fmt: skip
            found.claim = clause
            self.found.append(found)
            taken.append((start, end))

    # -- speaker labels ----------------------------------------------------------------------------

    def labels(self) -> None:
        """'WALLACE: ...' in transcripts and 'Pat Caddell: ...' in headlines: a name, a colon, the words."""
        doc, text = self.doc, doc_text(self.doc)
        for m in _LABEL.finditer(text):
            label_start, label_end = m.start(1), m.end(1)
            if self.article is not None and self.article.is_boilerplate(label_start, m.end()):
                continue
            words = m.group(1).split()
            if m.group(1).lower() in self.lex.rubrics:
                continue  # "CLARIFICATION: ...": the outlet's rubric, nobody's words
            if not all(w[:1].isupper() for w in words if w.isalpha()) or words[0].lower() in (
                "the",
                "a",
                "an",
            ):
                continue  # "The Latest: ..." is a rubric, not a speaker
            speaker_span = doc.char_span(label_start, label_end, alignment_mode="expand")
            cue = doc.char_span(m.start(2), m.start(2) + 1, alignment_mode="expand")
            start, end = m.start(3), m.end(3)
            while end > start and text[end - 1] in " \t":
                end -= 1
            named = (
                any(t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG") for t in speaker_span or [])
                or m.group(1).isupper()
                or _named_later(text, m.group(1), m.end())
            )
            if speaker_span is None or cue is None or not named:
                continue
            if any(t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in self.lex.speech for t in speaker_span):
                continue  # "Trump said:": a cue, handled with the quote that follows
            kind: QuoteKind = "direct" if m.group(1).isupper() else "indirect"
            attr = src.classify(doc, speaker_span, self.resolver)
            speaker = attr.actor or self.resolver.resolve(speaker_span)
            self.label_ranges.append((start, end))
            self.found.append(_Found(start, end, kind, cue, speaker_span, speaker, [], False, attr))
            self.cue_tokens.add(cue.root.i)

    # -- as X said ------------------------------------------------------------------------------------

    def as_asides(self) -> None:
        """'Hawaii, as one of the advisers pointed out, normally does not ...', 'As Ms. Simonyan put it,
        “...”': an aside of 'as', a speaker and a verb of speech frames the rest of its sentence. Found on
        the words, since the parser often takes 'as' for a preposition and the speech verb for the root."""
        doc = self.doc
        for i in self.table.where(tt.LOWER_COLUMN, _AS_IDS):
            if self.in_quote(i):
                continue
            sent, tok = self.sents[self.sent_of[i]], doc[i]
            before = doc[tok.i - 1] if tok.i > sent.start else None
            if before is not None and not (before.is_punct or before.i == sent.start):
                continue  # "such as", "as well as": only an aside opening a sentence or after a comma
            verb = self._aside_verb(tok, sent)
            if verb is None:
                continue
            hi = verb.i + 1
            while hi < sent.end and doc[hi].text not in (",", ".", ":", ";") and not doc[hi].is_quote:
                hi += 1  # "put it in a lengthy expose": the aside runs to its comma
            aside = (tok.i, hi + 1 if hi < sent.end and doc[hi].text == "," else hi)
            first = sent.start
            if not any(t.is_alpha for t in doc[aside[1] : sent.end]):
                # "..., the requirement is X, as a memo put it.": an aside closing its sentence
                # frames the last comma-delimited clause before it, not the whole sentence.
                first = self._clause_start(sent.start, tok.i)
            words = [
                t
                for t in doc[first : sent.end]
                if not (aside[0] <= t.i < aside[1]) and not (t.is_punct or t.is_space)
            ]
            if len(words) < 3:
                continue
            content = doc[words[0].i : words[-1].i + 1]
            start, end = content.start_char, content.end_char
            head = next(t for t in doc[tok.i + 1 : verb.i] if t.pos_ in ("PROPN", "NOUN", "PRON"))
            while head.head.i != head.i and tok.i < head.head.i < verb.i and head.dep_ != "appos":
                head = head.head  # "one of Mr. Obama's climate advisers": the phrase's head
            speaker_span = mention_span(self.table, head.i, clauses=True)
            if not (tok.i < speaker_span.start and speaker_span.end <= verb.i):
                speaker_span = doc[tok.i + 1 : verb.i]
                while len(speaker_span) > 1 and speaker_span[-1].pos_ in ("AUX", "ADV", "PART", "PUNCT"):
                    speaker_span = speaker_span[:-1]
            attr = src.classify(doc, speaker_span, self.resolver)
            speaker = attr.actor or self.resolver.resolve(speaker_span)
            cue = doc[verb.i : verb.i + 1]
            for f in self.found:
                if not (start <= f.start and f.end <= end) or f.kind == "indirect":
                    continue
                # A quote inside the framed words is the aside speaker's, unless a verb of speech
                # within those words frames it ("as X put it" closes the sentence it frames).
                own = f.cue is not None and start <= f.cue.start_char < end
                if not own or f.cue.root.lemma_.lower() not in self.lex.speech:
                    f.cue, f.speaker_span, f.speaker, f.speaker_attr = cue, speaker_span, speaker, attr
            if any(start <= f.start and f.end <= end and f.kind == "direct" for f in self.found):
                self.cue_tokens.add(verb.i)
                continue
            if any(f.start < end and start < f.end and f.kind != "partial" for f in self.found):
                continue
            self.cue_tokens.add(verb.i)
            self.found.append(_Found(start, end, "indirect", cue, speaker_span, speaker, [], False, attr))

    def _clause_start(self, lo: int, hi: int) -> int:
        """Where the last comma-delimited stretch before token `hi` that has a verb begins."""
        doc = self.doc
        cut = hi
        while cut > lo:
            comma = next(
                (i for i in range(cut - 1, lo - 1, -1) if doc[i].text == "," and not self.in_quote(i)), lo - 1
            )
            if any(t.pos_ in ("VERB", "AUX") for t in doc[comma + 1 : hi]):
                return comma + 1
            cut = comma
        return lo

    def _aside_verb(self, as_tok: Token, sent: Span) -> Token | None:
        """The verb of speech closing 'as <speaker> [have] <verb>' within a few words, if any."""
        doc = self.doc
        nouns = 0
        for t in doc[as_tok.i + 1 : min(as_tok.i + 14, sent.end)]:
            lemma = t.lemma_.lower()
            if t.pos_ == "VERB":
                speech = lemma in self.lex.speech or (
                    lemma == "put" and t.i + 1 < sent.end and doc[t.i + 1].lower_ == "it"
                )
                return t if speech and nouns and not self.in_quote(t.i) else None
            if t.is_quote or t.text in (".", ";", ":") or "\n" in t.text or self.in_quote(t.i):
                return None
            if t.pos_ in ("PROPN", "NOUN", "PRON"):
                nouns += 1
            elif t.pos_ not in ("DET", "ADJ", "ADP", "PART", "NUM", "AUX", "ADV", "PUNCT", "CCONJ"):
                return None
        return None

    # -- according to ----------------------------------------------------------------------------------

    def according(self) -> None:
        doc = self.doc
        speech = self.lex.cues | self.lex.relay
        for index, sent in enumerate(self.sents):
            for anchor, obj, phrase in self.according_found[index]:
                # The claim is the clause the phrase hangs from; at the root, the whole sentence.
                if anchor.i in range(*phrase) or anchor.dep_ == "ROOT":
                    lo, hi = sent.start, sent.end
                else:
                    sub = [t.i for t in anchor.subtree]
                    lo, hi = min(sub), max(sub) + 1
                toks = [t for t in doc[lo:hi] if not (phrase[0] <= t.i < phrase[1])]
                if any(t.i in self.cue_tokens and t.lemma_.lower() in speech for t in toks):
                    continue  # the phrase relays a quote we found: it is in that quote's via
                words = [t for t in toks if not (t.is_punct or t.is_space)]
                if not words:
                    continue
                a, b = words[0].i, words[-1].i + 1
                if phrase[0] > a and phrase[1] < b:
                    b = phrase[0]  # a mid-sentence phrase: the claim before it
                    while b > a and (doc[b - 1].is_punct or doc[b - 1].is_space):
                        b -= 1
                content = doc[a:b]
                speaker_span = mention_span(self.table, obj.i, clauses=True)
                attr = src.classify(doc, mention_span(self.table, obj.i), self.resolver)
                others = [x for c in self.channels[index] if c.phrase != phrase for x in c.chain]
                cue = doc[phrase[0] : phrase[0] + 2]
                for f in self.found:
                    # A partial quote in the claim, hung only from its clause's verb, is the source's
                    # words: 'According to the complaint, they engaged in a "massive ... scheme"'.
                    inside = content.start_char <= f.start and f.end <= content.end_char
                    if (
                        inside
                        and f.kind == "partial"
                        and (f.cue is None or f.cue.root.lemma_.lower() not in speech)
                    ):
                        f.cue, f.speaker_span, f.speaker, f.speaker_attr = cue, speaker_span, attr.actor, attr
                self.found.append(
                    _Found(
                        content.start_char, content.end_char, "indirect", cue, speaker_span, attr.actor,
                        others, False, attr,
                    )
                )  # fmt: skip

    # -- quotes after reported speech -------------------------------------------------------------------

    def adopt(self) -> None:
        """A paragraph that is all quote, after a paragraph ending in someone's reported speech, is
        theirs: 'Trump said the system was rigged.' / '"Believe me," ...' is the common pattern."""
        text = doc_text(self.doc)
        spoken = [f for f in self.found if f.cue is not None and f.speaker_span is not None]
        for index, f in enumerate(self.found):
            if f.cue is not None or f.kind != "direct":
                continue
            line_start = text.rfind("\n", 0, f.start) + 1
            if text[line_start : f.start].strip(" \t“\"‘'"):
                continue  # not at the head of its paragraph
            before = text[: line_start - 1].rstrip()
            if not before:
                continue
            prev_start = text.rfind("\n", 0, len(before)) + 1  # the previous paragraph's start
            last_sentence = self.sents[self.sent_of.get(self._token_at(len(before) - 1), 0)]
            if last_sentence.start_char < prev_start:
                continue
            owners = [g for g in spoken if last_sentence.start <= g.cue.root.i < last_sentence.end]
            if not owners:
                continue
            g = owners[-1]
            self.found[index] = _Found(
                f.start, f.end, f.kind, g.cue, g.speaker_span, g.speaker, list(g.channels), g.belief,
                g.speaker_attr,
            )  # fmt: skip

    # -- output ----------------------------------------------------------------------------------------

    def result(self) -> Attributions:
        doc = self.doc
        out = Attributions(
            report_chain=self.report_chain,
            outlet_name=self.outlet_name,
            sentence_starts=[s.start for s in self.sents],
            sentence_chars=[s.start_char for s in self.sents],
        )
        marked = [(g.start, g.end) for g in self.found if g.kind != "indirect"]
        for f in self.found:
            # Reported speech that ends on a quotation ends where the quotation does, not on its last
            # word: "... when he said that “the generals have been reduced to rubble.”"
            tail = [b for a, b in marked if f.start <= a < f.end < b <= f.end + 3]
            if f.kind == "indirect" and tail:
                f.end = max(tail)
        self.found.sort(key=lambda f: (f.start, f.end))
        for n, f in enumerate(self.found, start=1):
            via = src.finish(self.outlet_name, f.channels, self.report_chain)
            if f.speaker_attr is not None:
                via = [
                    v for v in via if src.norm(v.name) != src.norm(f.speaker_attr.name) or v.kind == "outlet"
                ]
            # A content span built from a clause's subtree may begin or end on blanked-out text
            # (a dateline, boilerplate): the quote is the words, not the blanks.
            text = doc_text(doc)
            start, end = f.start, f.end
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            quote = Quote(
                id=f"Q{n}",
                text=text[start:end],
                start=start,
                end=end,
                kind=f.kind,
                speaker=f.speaker,
                speaker_mention=_text_span(f.speaker_span),
                cue=_text_span(f.cue),
                via=via,
            )
            out.quotes.append(quote)
            chain = ([f.speaker_attr] if f.speaker_attr is not None else []) + via[:-1]
            if chain and f.claim:
                cue_i = f.cue.root.i if f.cue is not None else None
                out.scopes.append(Scope(f.start, f.end, chain, f.belief, cue_i))
        for sent, channels in zip(self.sents, self.channels, strict=True):
            chain = [a for c in channels for a in c.chain]
            if chain:
                out.sentence_chains[sent.start_char] = chain
        return out


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Character ranges united where they overlap, in order."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _tokens_within(idx: list[int], lo: int, hi: int, spans: list[tuple[int, int]]) -> int:
    """How many of tokens lo..hi-1 start inside one of `spans` (disjoint character ranges): token
    offsets increase, so each range's tokens are found by bisection, not by testing every token."""
    return sum(bisect_left(idx, b, lo, hi) - bisect_left(idx, a, lo, hi) for a, b in spans)


@cache
def _reporting_words() -> tuple[frozenset[str], frozenset[str]]:
    """Lemmas of verbs that report (speech, belief, attitude) and of the nouns a reporting verb's object
    may be (speech acts, quantities of them), united once."""
    lex = lexicon()
    return lex.speech | lex.belief | lex.attitude, lex.act_nouns | lex.quantity_nouns


def _named_later(text: str, label: str, after: int) -> bool:
    """'Sanders: Clinton needs to ...' (the tagger reads 'Sanders' as a plural noun): a label is a name
    when the article writes it capitalised later inside a sentence ("Bernie Sanders offered ...")."""
    last = label.split()[-1]
    return bool(re.search(rf"[\w,] {re.escape(last)}\b", text[after:]))


def _agent(table: TokenTable, verb: int) -> int | None:
    """The 'by' agent of a passive verb ("was reported by X"), when it has one."""
    dep, children = table.dep, table.children
    if not any(dep[c] in _NSUBJPASS for c in children(verb)):
        return None
    for child in children(verb):
        if dep[child] in _AGENT:
            return next((c for c in children(child) if dep[c] in _POBJ), None)
    return None


def _phrase_head(phrase: Span) -> Token:
    """The head noun of a phrase the parser may have split: the first noun whose head is outside it,
    else the last noun ("Tulsa police Chief Chuck Jordan", with 'Tulsa' parsed as a verb)."""
    nouns = [t for t in phrase if t.pos_ in ("PROPN", "NOUN", "PRON")]
    roots = [t for t in nouns if not (phrase.start <= t.head.i < phrase.end)]
    return roots[0] if roots else nouns[-1]


def _title_like(table: TokenTable, span: Span) -> bool:
    """Eight words at most, and every word that is not a stop word capitalised (a title)."""
    if len(span) > 8:
        return False
    words = [i for i in range(span.start, span.end) if table.is_alpha[i] and not table.is_stop[i]]
    text, idx = table.text, table.idx
    return bool(words) and all(text[idx[i]].isupper() for i in words)


def _text_span(span: Span | None) -> TextSpan | None:
    if span is None:
        return None
    return TextSpan(span.start_char, span.end_char, span_text(span))


def find_attributions(doc: Doc) -> Attributions:
    """All quotes of a Doc with their speakers and channels, and the scopes of their source chains."""
    finder = _Finder(doc)
    finder.labels()
    finder.direct()
    finder.as_asides()
    finder.indirect()
    finder.according()
    finder.nominal()
    finder.adopt()
    return finder.result()
