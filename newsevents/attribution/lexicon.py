"""The attribution stage's word lists, read from newsevents/data/attribution/ once per process."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from newsevents.resources import load_data

_MEMO_SIZE = 50_000  # phrases remembered before the memo starts over


@dataclass(frozen=True, slots=True)
class NamedSource:
    name: str
    kind: str
    country: str | None
    adjectives: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Lexicon:
    speech: frozenset[str]
    belief: frozenset[str]
    relay: frozenset[str]
    continuation: frozenset[str]
    framing: frozenset[str]
    nouns: frozenset[str]
    act_nouns: frozenset[str]
    quantity_nouns: frozenset[str]
    receiving: frozenset[str]
    attitude: frozenset[str]
    core: frozenset[str]
    topic_preps: frozenset[str]
    verb_preps: dict[str, frozenset[str]]  # lemma -> prepositions whose object is what the verb reports
    report_adverbs: frozenset[str]
    according: tuple[tuple[str, ...], ...]
    named: tuple[NamedSource, ...]
    aliases: dict[str, NamedSource]  # exact alias (as written) -> source; also lower-cased when long
    # Capitalised aliases, longest first (alias -> rank), and one pattern that finds each of them at every
    # position: its zero-width lookahead lets matches overlap, so the longest alias present always wins.
    alias_rank: dict[str, int]
    alias_pattern: re.Pattern[str]
    noun_kinds: tuple[tuple[str, str], ...]  # (phrase, kind), longest phrase first
    unnamed: frozenset[str]
    documents: frozenset[str]
    roles: frozenset[str]
    rubrics: frozenset[str]
    cues: frozenset[str]  # speech | belief | framing | attitude, united once
    # Answers of named_source and noun_kind by phrase: the same speaker phrases come back many times
    # per article and across articles, and the alias and noun scans cost more than a lookup.
    memo: dict[tuple[str, str], object] = field(default_factory=dict, repr=False, compare=False)

    def _remember(self, kind: str, text: str, compute: Callable[[str], object]) -> object:
        key = (kind, text)
        if key not in self.memo:
            if len(self.memo) >= _MEMO_SIZE:
                self.memo.clear()
            self.memo[key] = compute(text)
        return self.memo[key]

    def named_source(self, text: str) -> NamedSource | None:
        """The news organisation `text` names ("the Guardian", "news agency KCNA"), if any."""
        return self._remember("named", text, self._named_source)  # type: ignore[return-value]

    def noun_kind(self, text: str) -> str | None:
        """The source kind a generic phrase's words make ("South Korean intelligence" -> assessment)."""
        return self._remember("noun", text, self._noun_kind)  # type: ignore[return-value]

    def _named_source(self, text: str) -> NamedSource | None:
        text = text.strip()
        for candidate in (text, re.sub(r"^(?:the|The)\s+", "", text)):
            hit = self.aliases.get(candidate) or (
                self.aliases.get(candidate.lower()) if len(candidate) > 4 else None
            )
            if hit:
                return hit
        # The longest alias written inside the phrase ("news agency Korean Central News Agency (KCNA)").
        found = [m.group(1) for m in self.alias_pattern.finditer(text)]
        return self.aliases[min(found, key=self.alias_rank.__getitem__)] if found else None

    def _noun_kind(self, text: str) -> str | None:
        low = " " + re.sub(r"[^a-z\- ]", " ", text.lower()) + " "
        for phrase, kind in self.noun_kinds:
            if f" {phrase} " in low or f" {phrase}s " in low:
                return kind
        return None


@cache
def lexicon() -> Lexicon:
    cues = load_data("attribution", "cues.yaml")
    sources = load_data("attribution", "sources.yaml")
    named = tuple(
        NamedSource(e["name"], e["kind"], e.get("country"), tuple(e.get("adjectives", ())))
        for e in sources["named"]
    )
    aliases: dict[str, NamedSource] = {}
    for entry, source in zip(sources["named"], named, strict=True):
        for alias in entry.get("aliases", []):
            aliases.setdefault(alias, source)
            if len(alias) > 4:
                aliases.setdefault(alias.lower(), source)
    capitalised = sorted((a for a in aliases if a[:1].isupper()), key=lambda a: -len(a))
    alternation = "|".join(re.escape(a) for a in capitalised)
    noun_kinds = sorted(
        ((phrase.lower(), kind) for kind, phrases in sources["nouns"].items() for phrase in phrases),
        key=lambda pk: -len(pk[0]),
    )
    return Lexicon(
        speech=frozenset(cues["speech"]),
        belief=frozenset(cues["belief"]),
        relay=frozenset(cues["relay"]),
        continuation=frozenset(cues["continuation"]),
        framing=frozenset(cues["framing"]),
        nouns=frozenset(cues["nouns"]),
        act_nouns=frozenset(cues["act_nouns"]),
        quantity_nouns=frozenset(cues["quantity_nouns"]),
        receiving=frozenset(cues["receiving"]),
        attitude=frozenset(cues["attitude"]),
        core=frozenset(cues["core"]),
        topic_preps=frozenset(cues["topic_preps"]),
        verb_preps={verb: frozenset(preps) for verb, preps in cues["verb_preps"].items()},
        report_adverbs=frozenset(cues["report_adverbs"]),
        according=tuple(tuple(p) for p in cues["according"]),
        named=named,
        aliases=aliases,
        alias_rank={a: i for i, a in enumerate(capitalised)},
        alias_pattern=re.compile(rf"(?<![\w-])(?=({alternation})(?![\w-]))"),
        noun_kinds=tuple(noun_kinds),
        unnamed=frozenset(sources["unnamed"]),
        documents=frozenset(sources["documents"]),
        roles=frozenset(sources["roles"]),
        rubrics=frozenset(r.lower() for r in sources["rubrics"]),
        cues=frozenset(cues["speech"] + cues["belief"] + cues["framing"] + cues["attitude"]),
    )
