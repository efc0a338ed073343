"""ui-search: semantic search over catalogs of UI-design prompts.

    import ui_search
    report = ui_search.build_index("catalog/designs.jsonl", "indexes/default")
    idx = ui_search.open_index("default")
    for hit in idx.search("Dark theme contact Support", k=5, where={"platform": "mobile"}):
        print(hit.id, hit.score, hit.title, hit.metadata)

Nothing here imports torch: models load on first use.
"""
__version__ = "0.1.0"

from .catalog import Design, read_catalog  # noqa: E402
from .errors import BadQuery, CatalogError, DesignNotFound, IndexNotFound, ModelMismatch, UISearchError  # noqa: E402
from .indexer import BuildReport, build_index  # noqa: E402
from .search import Hit, Index, open_index  # noqa: E402

__all__ = [
    "__version__", "BadQuery", "BuildReport", "CatalogError", "Design", "DesignNotFound", "Hit", "Index",
    "IndexNotFound", "ModelMismatch", "UISearchError", "build_index", "open_index", "read_catalog",
]
