"""ui-search: semantic search over catalogs of UI-design prompts.

    import ui_search
    report = ui_search.build_index("catalog/designs.jsonl", "indexes/default")
    idx = ui_search.open_index("default")
    for hit in idx.search("Dark theme contact Support", k=5, where={"platform": "mobile"}):
        print(hit.id, hit.score, hit.title, hit.metadata)

Nothing here imports torch: models load on first use.
"""
__version__ = "0.1.0"

from .errors import BadQuery, CatalogError, DesignNotFound, IndexNotFound, ModelMismatch, UISearchError  # noqa: E402

# The rest loads on first use (PEP 562): a cold `ui-search query` imports only the query path.
_LAZY = {
    "Design": "catalog", "read_catalog": "catalog",
    "BuildReport": "indexer", "build_index": "indexer",
    "Hit": "search", "Index": "search", "open_index": "search",
}

__all__ = [
    "__version__", "BadQuery", "BuildReport", "CatalogError", "Design", "DesignNotFound", "Hit", "Index",
    "IndexNotFound", "ModelMismatch", "UISearchError", "build_index", "open_index", "read_catalog",
]


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'ui_search' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
