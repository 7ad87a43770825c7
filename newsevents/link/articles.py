"""One happening per article, for linking whole articles (eval/linking.py scores them against
news_cluster's labels, which say which happening each article reports).

An article is represented by

- its main event: the first linkable event that has both a source and a target (the lead of a news
  story states its happening first), else the first linkable event; it dates the article when the text
  gives its day (else the publication date does);
- its main actors: the ``top_actors`` most-mentioned non-media actors (the outlet is not what the story
  is about), keyed by ``article_actor_key``: the full actor code when it says more than a country
  (USAGOV, PRKMIL, IGOUNO), else the normalised name. The event linker's country-level keys are right for
  "who did what to whom" but too coarse to tell stories apart: every other story involves USA.

Similarity of two articles: the inverse-document-frequency weight of their shared actors over the
weight of the smaller article's actors (a shared "Donald Trump" says less than a shared "Equifax"). They
report the same happening when their dates are within ``window_days`` and the similarity reaches
``min_similarity``, or, for follow-up reports, within ``far_window_days`` and ``far_min_similarity``; with
``same_kind`` their main events must also be of one kind (off by default: on news_cluster an article's
first event is as often a reaction or background as the happening itself). Clusters are the connected
components of that relation. The weights come from the set of articles linked together, so the result is
a function of that set (any order), computed in one batch: this is for evaluation and exploration, the
store's incremental clusters are the event-level ones (``cluster.py``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from newsevents.link.config import config
from newsevents.link.keys import _bare_sectors, normalize_name
from newsevents.link.records import LinkEvent, from_extraction
from newsevents.link.story import main_event
from newsevents.model import Actor, Extraction


@dataclass(frozen=True, slots=True)
class ArticleHappening:
    article_id: str
    outlet: str | None
    day: dt.date | None
    actors: frozenset[str]
    main: LinkEvent | None


def article_actor_key(actor: Actor) -> str:
    code = (actor.code or "").upper()
    if len(code) > 3 and code not in _bare_sectors():
        return code
    name = normalize_name(actor.name)
    return f"~{name}" if name else ""


def article_happening(x: Extraction) -> ArticleHappening:
    cfg = config()
    main = main_event(from_extraction(x))

    def weight(a: Actor) -> tuple:
        first = min((m.start for m in a.mentions), default=len(x.article.text))
        return (-len(a.mentions), first, a.id)

    keys: list[str] = []
    for a in sorted((a for a in x.actors if a.kind != "media"), key=weight):
        k = article_actor_key(a)
        if k and k not in keys:
            keys.append(k)
        if len(keys) >= cfg.article_top_actors:
            break
    day = x.article.published
    if main and main.anchor and main.span:
        day = main.span[0]
    return ArticleHappening(x.article.id, x.article.source, day, frozenset(keys), main)


def link_articles(items: Iterable[ArticleHappening]) -> dict[str, str]:
    """article id -> cluster id (connected components; ids derived from the smallest member)."""
    cfg = config()
    arts = sorted(items, key=lambda a: a.article_id)
    df = Counter(k for a in arts for k in a.actors)
    idf = {k: math.log((len(arts) + 1) / n) for k, n in df.items()}
    mass = [sum(idf[k] for k in a.actors) for a in arts]
    parent = list(range(len(arts)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def compatible(i: int, j: int) -> bool:
        a, b = arts[i], arts[j]
        if a.day is None or b.day is None or min(mass[i], mass[j]) <= 0:
            return False
        if cfg.article_same_kind and a.main and b.main and a.main.group != b.main.group:
            return False
        days = abs((a.day - b.day).days)
        sim = sum(idf[k] for k in a.actors & b.actors) / min(mass[i], mass[j])
        if days <= cfg.article_window_days and sim >= cfg.article_min_similarity:
            return True
        # Follow-up reports (the investigation, the funeral) come weeks later: they must share more.
        return days <= cfg.article_far_window_days and sim >= cfg.article_far_min_similarity

    # Candidates share at least one actor key: an inverted index keeps this far from all pairs.
    index: dict[str, list[int]] = defaultdict(list)
    for i, a in enumerate(arts):
        for k in a.actors:
            index[k].append(i)
    for i, a in enumerate(arts):
        seen: set[int] = set()
        for k in a.actors:
            for j in index[k]:
                if j > i and j not in seen:
                    seen.add(j)
                    if compatible(i, j):
                        ri, rj = find(i), find(j)
                        if ri != rj:
                            parent[max(ri, rj)] = min(ri, rj)
    out = {}
    for i, a in enumerate(arts):
        root = arts[find(i)].article_id
        out[a.article_id] = "A" + hashlib.sha1(root.encode()).hexdigest()[:15]
    return out
