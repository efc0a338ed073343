"""FAISS inner-product indexes keyed by SQLite row ids.

Vectors are unit length, so inner product is cosine. Kinds, all built through the FAISS index factory:

- `flat`  exact (IDMap2,Flat): best below AUTO_THRESHOLD designs, where a full scan costs a few ms.
- `ivf`   IVF-Flat with nlist ~ sqrt(N): trains in seconds, keeps the full vectors, supports
          add_with_ids and remove_ids, so incremental builds stay cheap at a million designs.
          A hashtable direct map makes `reconstruct(id)` work (needed by `similar` and filters).
- `hnsw`  IDMap2,HNSW32: fastest queries, but FAISS HNSW cannot remove vectors; a removal or change
          rebuilds the graph from the stored vectors (minutes at 1M), so `auto` never picks it.

`auto` picks flat below AUTO_THRESHOLD designs and ivf above (bench/bench_scale.py measured why).
Search parameters (nprobe, efSearch) are set on the index and saved with it by write_index.
"""
from __future__ import annotations

import contextlib
import math
from pathlib import Path
from typing import Any, Iterator, Sequence

import numpy as np

from .errors import UISearchError

INDEX_TYPES = ("auto", "flat", "ivf", "hnsw")
AUTO_THRESHOLD = 50_000
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 80
HNSW_EF_SEARCH = 128
IVF_TRAIN_PER_LIST = 64  # k-means sample: FAISS wants >= 39 points a list; more only slows training
# Lists scanned per query: 1/24 of them, at least 24. Measured on perturbed real embeddings
# (bench/bench_scale.py --sweep): at 1M / 1000 lists, nprobe 32 -> recall@10 0.984, 64 -> 0.994;
# at 100k / 316 lists, 16 -> 0.959, 32 -> 0.983.
IVF_PROBE_FRACTION = 1 / 24
IVF_MIN_PROBES = 24


def _faiss() -> Any:
    import faiss

    return faiss


def choose_index_type(requested: str, count: int) -> str:
    if requested not in INDEX_TYPES:
        raise UISearchError(f"unknown index type '{requested}': choose one of {', '.join(INDEX_TYPES)}")
    if requested == "auto":
        return "flat" if count < AUTO_THRESHOLD else "ivf"
    return requested


def target_type(requested: str, previous: str | None, count: int) -> str:
    """The kind a build should end with: a new index follows `choose_index_type`; an existing one keeps
    its kind under `auto`, except that a flat index grown past AUTO_THRESHOLD becomes ivf."""
    chosen = choose_index_type(requested, count)
    if previous is None or requested != "auto":
        return chosen
    return "ivf" if previous == "flat" and chosen == "ivf" else previous


def ivf_lists(count: int) -> int:
    """nlist ~ sqrt(N), at least 1 and never more lists than training points allow."""
    return max(1, min(int(round(math.sqrt(max(count, 1)))), max(1, count // 39)))


def ivf_probes(nlist: int) -> int:
    # small indexes scan a larger share: their lists are short, and recall matters more than 0.1 ms
    return min(nlist, max(IVF_MIN_PROBES, int(math.ceil(nlist * IVF_PROBE_FRACTION))))


def new_index(index_type: str, dim: int, count: int = 0) -> Any:
    """An empty index of a concrete kind; `count` (designs expected) sizes IVF's lists."""
    faiss = _faiss()
    if index_type == "flat":
        return faiss.index_factory(dim, "IDMap2,Flat", faiss.METRIC_INNER_PRODUCT)
    if index_type == "hnsw":
        index = faiss.index_factory(dim, f"IDMap2,HNSW{HNSW_M}", faiss.METRIC_INNER_PRODUCT)
        hnsw = faiss.downcast_index(index.index).hnsw
        hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        hnsw.efSearch = HNSW_EF_SEARCH
        return index
    if index_type == "ivf":
        nlist = ivf_lists(count)
        index = faiss.index_factory(dim, f"IVF{nlist},Flat", faiss.METRIC_INNER_PRODUCT)
        index.nprobe = ivf_probes(nlist)
        return index
    raise UISearchError(f"unknown index type '{index_type}'")


def kind_of(index: Any) -> str:
    if isinstance(index, NumpyFlat):
        return "flat"
    faiss = _faiss()
    inner = faiss.downcast_index(index.index) if isinstance(index, faiss.IndexIDMap) else index
    if isinstance(inner, faiss.IndexHNSW):
        return "hnsw"
    if isinstance(inner, faiss.IndexIVF):
        return "ivf"
    return "flat"


def read(path: Path) -> Any:
    return _faiss().read_index(str(path))


class NumpyFlat:
    """A read-only exact index held in numpy, for the query path.

    Importing faiss costs ~0.2 s of a cold query; a flat index is one matrix product, which numpy
    does as fast. Only what searching needs is here (search, reconstruct, d, ntotal).
    """

    def __init__(self, vectors: np.ndarray, ids: np.ndarray):
        self.vectors, self.ids = vectors, ids
        self.d, self.ntotal = int(vectors.shape[1]), int(len(ids))
        self._row: dict[int, int] | None = None

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        queries = np.asarray(queries, dtype=np.float32)
        # einsum runs in one thread; BLAS would wake a second one, which on a busy machine waits a
        # whole scheduler slice (~30 ms measured) for a product that takes 0.1 ms
        scores = np.einsum("qd,nd->qn", queries, self.vectors) if len(queries) <= 8 else queries @ self.vectors.T
        k = min(k, self.ntotal)
        top = np.argpartition(-scores, k - 1, axis=1)[:, :k] if k < self.ntotal else np.tile(np.arange(self.ntotal), (len(scores), 1))
        top_scores = np.take_along_axis(scores, top, axis=1)
        order = np.argsort(-top_scores, axis=1, kind="stable")
        return np.take_along_axis(top_scores, order, axis=1), self.ids[np.take_along_axis(top, order, axis=1)]

    def reconstruct(self, design_id: int) -> np.ndarray:
        if self._row is None:
            self._row = {int(i): n for n, i in enumerate(self.ids)}
        return self.vectors[self._row[int(design_id)]]


_HEADER = np.dtype([("d", "<i4"), ("ntotal", "<i8"), ("dummy1", "<i8"), ("dummy2", "<i8"), ("trained", "u1"), ("metric", "<i4")])


def read_flat_without_faiss(path: Path, max_count: int | None = None) -> NumpyFlat | None:
    """Parse an IDMap2(IndexFlatIP) file (FAISS's stable on-disk layout); None for any other kind
    (or for more than `max_count` vectors)."""
    with open(path, "rb") as handle:
        data = np.frombuffer(handle.read(90), dtype=np.uint8)
    # "IxM2" header(33 bytes) "IxFI" header  n*d (u8)  floats  n (u8)  int64 ids
    if len(data) < 82 or data[:4].tobytes() != b"IxM2" or data[37:41].tobytes() != b"IxFI":
        return None
    outer = np.frombuffer(data[4:37].tobytes(), dtype=_HEADER)[0]
    inner = np.frombuffer(data[41:74].tobytes(), dtype=_HEADER)[0]
    d, n = int(outer["d"]), int(outer["ntotal"])
    if max_count is not None and n > max_count:
        return None
    if outer["metric"] != 0 or inner["metric"] != 0 or (int(inner["d"]), int(inner["ntotal"])) != (d, n):
        return None
    floats = int(data[74:82].view("<u8")[0])
    start = 82 + 4 * floats
    if floats != d * n or path.stat().st_size != start + 8 + 8 * n:
        return None
    if int(np.fromfile(path, dtype="<u8", count=1, offset=start)[0]) != n:
        return None
    # fresh reads at the offsets: a view into `data` would be misaligned, and BLAS then crawls
    vectors = np.fromfile(path, dtype="<f4", count=n * d, offset=82).reshape(n, d)
    ids = np.fromfile(path, dtype="<i8", count=n, offset=start + 8)
    return NumpyFlat(vectors, ids)


NUMPY_FLAT_MAX = 20_000  # above this a flat scan is faster in FAISS than numpy, and worth its import


def read_for_search(path: Path) -> Any:
    """The index as the query path needs it: small flat ones in numpy (no faiss import), else FAISS."""
    light = read_flat_without_faiss(path, NUMPY_FLAT_MAX)
    return light if light is not None else read(path)


def write(index: Any, path: Path) -> None:
    _faiss().write_index(index, str(path))


def _train(index: Any, vectors: np.ndarray) -> None:
    faiss = _faiss()
    nlist = index.nlist
    if len(vectors) < nlist:
        raise UISearchError(f"an ivf index with {nlist} lists needs at least {nlist} designs to train, got {len(vectors)}")
    sample = vectors
    wanted = IVF_TRAIN_PER_LIST * nlist
    if len(vectors) > wanted:
        rows = np.random.default_rng(0).choice(len(vectors), wanted, replace=False)
        sample = vectors[np.sort(rows)]
    index.cp.min_points_per_centroid = 1  # small catalogs: no warning spam, the lists are just coarser
    index.train(sample)
    index.set_direct_map_type(faiss.DirectMap.Hashtable)


def add(index: Any, vectors: np.ndarray, ids: Sequence[int]) -> None:
    if not len(ids):
        return
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    if not index.is_trained:
        _train(index, vectors)
    index.add_with_ids(vectors, np.asarray(ids, dtype=np.int64))


def all_ids(index: Any) -> np.ndarray:
    """Every stored id, in storage order."""
    if isinstance(index, NumpyFlat):
        return index.ids.copy()
    faiss = _faiss()
    if isinstance(index, faiss.IndexIDMap):
        return faiss.vector_to_array(index.id_map).astype(np.int64)
    ivf = faiss.extract_index_ivf(index)
    lists = ivf.invlists
    parts = [faiss.rev_swig_ptr(lists.get_ids(i), lists.list_size(i)).copy() for i in range(ivf.nlist) if lists.list_size(i)]
    return np.concatenate(parts).astype(np.int64) if parts else np.zeros(0, np.int64)


def remove(index: Any, ids: Sequence[int]) -> Any:
    """Drop ids; returns the index to use from now on (HNSW is rebuilt, so it is a new object)."""
    if not len(ids):
        return index
    ids = np.asarray(ids, dtype=np.int64)
    if kind_of(index) != "hnsw":
        index.remove_ids(ids)
        return index
    # FAISS HNSW cannot delete graph nodes: rebuild the graph from the vectors it stores.
    stored = all_ids(index)
    keep = stored[~np.isin(stored, ids)]
    vectors = reconstruct(index, keep)
    hnsw = faiss_hnsw_params(index)
    rebuilt = new_index("hnsw", index.d)
    faiss_hnsw_params(rebuilt).efSearch = hnsw.efSearch
    add(rebuilt, vectors, keep)
    return rebuilt


def faiss_hnsw_params(index: Any) -> Any:
    return _faiss().downcast_index(index.index).hnsw


def reconstruct(index: Any, ids: Sequence[int]) -> np.ndarray:
    if not len(ids):
        return np.zeros((0, index.d), np.float32)
    if isinstance(index, NumpyFlat):
        return np.vstack([index.reconstruct(int(i)) for i in ids])
    faiss = _faiss()
    if isinstance(index, faiss.IndexIDMap2) and len(ids) > max(4096, index.ntotal // 4):
        # one bulk copy of the storage instead of a Python call per id
        position = {int(i): n for n, i in enumerate(all_ids(index))}
        storage = faiss.downcast_index(index.index)
        rows = np.fromiter((position[int(i)] for i in ids), dtype=np.int64, count=len(ids))
        everything = storage.reconstruct_n(0, storage.ntotal)
        return np.ascontiguousarray(everything[rows])
    return np.vstack([index.reconstruct(int(i)) for i in ids])


def convert(index: Any, index_type: str) -> Any:
    """The same vectors and ids in an index of another kind (no re-embedding)."""
    ids = all_ids(index)
    converted = new_index(index_type, index.d, len(ids))
    add(converted, reconstruct(index, ids), ids)
    return converted


def _search_params(index: Any, selector: Any) -> Any:
    faiss = _faiss()
    kind = kind_of(index)
    if kind == "ivf":
        return faiss.SearchParametersIVF(sel=selector, nprobe=faiss.extract_index_ivf(index).nprobe)
    if kind == "hnsw":
        return faiss.SearchParametersHNSW(sel=selector, efSearch=faiss_hnsw_params(index).efSearch)
    return faiss.SearchParameters(sel=selector)


def search(index: Any, queries: np.ndarray, k: int, allowed: Sequence[int] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Top-k (scores, ids) per query; ids of -1 mark empty slots.

    With `allowed`, only those ids are candidates, and the filter applies before the cut, so k
    matches come back whenever k exist (exactly for a small allowed set; approximately above it).
    """
    queries = np.ascontiguousarray(queries, dtype=np.float32)
    k = max(1, min(k, index.ntotal))
    if allowed is None:
        if isinstance(index, NumpyFlat):
            return index.search(queries, k)
        with _single_thread_for(len(queries)):
            return index.search(queries, k)
    allowed_ids = np.asarray(allowed, dtype=np.int64)
    k = max(1, min(k, len(allowed_ids)))
    if len(allowed_ids) <= 4096:
        # a small allowed set is cheapest, and always exact, by brute force over its own vectors
        vectors = reconstruct(index, allowed_ids)
        scores = queries @ vectors.T
        order = np.argsort(-scores, axis=1, kind="stable")[:, :k]
        return np.take_along_axis(scores, order, axis=1), allowed_ids[order]
    if isinstance(index, NumpyFlat):
        keep = np.isin(index.ids, allowed_ids)
        scores, found = NumpyFlat(index.vectors[keep], index.ids[keep]).search(queries, k)
        return scores, found
    faiss = _faiss()
    params = _search_params(index, faiss.IDSelectorBatch(allowed_ids))
    with _single_thread_for(len(queries)):
        return index.search(queries, k, params=params)


@contextlib.contextmanager
def _single_thread_for(queries: int) -> Iterator[None]:
    """FAISS parallelizes over queries, so one query gains nothing from threads, and on a busy
    machine OpenMP's spinning workers cost 100x (58 ms instead of 0.5 ms for flat 10k, measured)."""
    if queries > 8:
        yield
        return
    faiss = _faiss()
    before = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(1)
    try:
        yield
    finally:
        faiss.omp_set_num_threads(before)
