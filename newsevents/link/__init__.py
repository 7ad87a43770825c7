"""link: events from different articles that report the same happening, grouped into clusters.

keys.py      canonical actors, kinds of happening, date intervals, places
records.py   LinkEvent, the flat view of one event (from an Extraction or a store row)
cluster.py   deterministic, order-independent clustering per block; Linker (in memory, incremental)
summary.py   one record per happening (NumMentions, NumArticles, NumSources as in GDELT)
disagree.py  date / place / count disagreements; dated claims against the corpus majority
storage.py   the store tables; update_clusters(store, article_ids) after each ingest run
articles.py  one happening per article (its main event), for article-level evaluation
"""

from __future__ import annotations

from newsevents.link.cluster import Cluster, Linker, cluster_events
from newsevents.link.disagree import Disagreement, Side, find_disagreements
from newsevents.link.records import LinkEvent, from_extraction, from_row
from newsevents.link.storage import LinkResult, rebuild_clusters, update_clusters, update_clusters_for_run
from newsevents.link.summary import ClusterSummary, summarize

__all__ = [
    "Cluster",
    "ClusterSummary",
    "Disagreement",
    "LinkEvent",
    "LinkResult",
    "Linker",
    "Side",
    "cluster_events",
    "find_disagreements",
    "from_extraction",
    "from_row",
    "rebuild_clusters",
    "summarize",
    "update_clusters",
    "update_clusters_for_run",
]
