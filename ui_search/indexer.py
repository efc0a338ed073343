"""Build or update an index from a catalog.

The whole catalog is validated first; then, under the build lock, the previous version is copied
into a staging folder, only new or changed designs are embedded, removed designs are dropped, and
the staging folder is published atomically. Any failure before the publish leaves the previous
version as it was.
"""
from __future__ import annotations

import datetime as dt
import json
import shutil
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from . import __version__, designs_db, lexical, store, vector_index
from .catalog import DEFAULT_ID_FIELD, DEFAULT_TEXT_FIELDS, Design, read_catalog
from .embedders import Embedder, load_embedder, model_label

FORMAT_VERSION = 1
ProgressFn = Callable[[int, int], None]  # (done, total) texts embedded


@dataclass
class BuildReport:
    index_dir: str
    version: str
    added: int = 0
    updated: int = 0
    metadata_updated: int = 0
    removed: int = 0
    unchanged: int = 0
    embedded: int = 0
    total: int = 0
    full_rebuild: bool = False
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


def now_iso() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def embed_in_batches(
    embedder: Embedder, texts: Sequence[str], batch_size: int = 32, progress: ProgressFn | None = None, chunk: int = 256
) -> np.ndarray:
    """Embed texts chunk by chunk so a progress callback can follow a long run."""
    parts = []
    for start in range(0, len(texts), chunk):
        parts.append(embedder.encode(texts[start : start + chunk], batch_size=batch_size))
        if progress:
            progress(min(start + chunk, len(texts)), len(texts))
    if not parts:
        return np.zeros((0, 0), dtype=np.float32)
    return np.vstack(parts).astype(np.float32, copy=False)


def build_index(
    catalog: str | Path,
    index_dir: str | Path,
    id_field: str = DEFAULT_ID_FIELD,
    text_fields: Sequence[str] = DEFAULT_TEXT_FIELDS,
    model: str | None = None,
    backend: str | None = None,
    index_type: str = "auto",
    batch_size: int = 32,
    progress: ProgressFn | None = None,
    embedder: Embedder | None = None,
) -> BuildReport:
    """Create or incrementally update the index at `index_dir` from `catalog`.

    `model` None keeps the model the index was built with (the packaged MiniLM for a new index).
    """
    started = time.perf_counter()
    index_dir = Path(index_dir)
    designs = read_catalog(catalog, id_field=id_field, text_fields=text_fields)
    with store.build_lock(index_dir):
        previous = store.current_version(index_dir)
        previous_facts: dict = {}
        if previous is not None:
            with_db = designs_db.open_readonly(previous / store.DB_FILE)
            previous_facts = designs_db.read_facts(with_db)
            with_db.close()
        if embedder is None:
            embedder = load_embedder(
                model if model is not None else previous_facts.get("model"),
                backend or previous_facts.get("backend"),
            )
        report = BuildReport(index_dir=str(index_dir), version="")
        if previous is not None and (
            previous_facts.get("model_fingerprint") != embedder.fingerprint
            or previous_facts.get("backend") != embedder.backend
            or previous_facts.get("format_version") != FORMAT_VERSION
        ):
            report.full_rebuild = True
            report.notes.append("model or backend changed: every design is embedded again")
            previous = None
        staging = store.new_staging_dir(index_dir)
        try:
            changed = _build_into(
                staging, previous, previous_facts, designs, embedder, report,
                catalog=str(catalog), id_field=id_field, text_fields=list(text_fields),
                index_type=index_type, batch_size=batch_size, progress=progress,
            )
            if changed:
                report.version = store.publish(index_dir, staging).name
            else:
                shutil.rmtree(staging, ignore_errors=True)
                report.version = previous.name
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    report.seconds = round(time.perf_counter() - started, 3)
    return report


def _build_into(
    staging: Path,
    previous: Path | None,
    previous_facts: dict,
    designs: list[Design],
    embedder: Embedder,
    report: BuildReport,
    *,
    catalog: str,
    id_field: str,
    text_fields: list[str],
    index_type: str,
    batch_size: int,
    progress: ProgressFn | None,
) -> bool:
    """Fill `staging` with the new version; False when nothing changed and nothing need be published."""
    db_path = staging / store.DB_FILE
    if previous is not None:
        shutil.copyfile(previous / store.DB_FILE, db_path)
        vectors = vector_index.read(previous / store.VECTORS_FILE)
        db = designs_db.connect(db_path)
    else:
        db = designs_db.connect(db_path)
        designs_db.create_schema(db)
        vectors = None
    try:
        stored = designs_db.existing_designs(db)
        wanted = {d.id for d in designs}
        removed_pks = [pk for design_id, (pk, _, _) in stored.items() if design_id not in wanted]
        to_embed: list[Design] = []
        metadata_only: list[Design] = []
        for design in designs:
            known = stored.get(design.id)
            if known is None or known[1] != design.content_hash:
                to_embed.append(design)
            elif known[2] != designs_db.dump_json(design.metadata):
                metadata_only.append(design)
            else:
                report.unchanged += 1
        new_ids = [d for d in to_embed if d.id not in stored]
        report.added = len(new_ids)
        report.updated = len(to_embed) - len(new_ids)
        report.metadata_updated = len(metadata_only)
        report.removed = len(removed_pks)
        report.embedded = len(to_embed)
        report.total = len(designs)
        previous_type = previous_facts.get("index_type", "flat") if previous is not None else None
        chosen_type = vector_index.target_type(index_type, previous_type, len(designs))
        # an index from before lexical search (or before prompt expansion) gets its FTS tables on the next
        # build, even with nothing changed
        if (previous is not None and not (to_embed or metadata_only or removed_pks) and chosen_type == previous_type
                and lexical.available(db) and lexical.words_available(db)):
            return False

        embeddings = embed_in_batches(embedder, [d.text for d in to_embed], batch_size, progress)
        dim = embeddings.shape[1] if len(to_embed) else previous_facts.get("dim") or embedder.dim
        if vectors is None:
            vectors = vector_index.new_index(chosen_type, dim, len(designs))

        next_pk = 1 + max([pk for pk, _, _ in stored.values()], default=0)
        pk_of: dict[str, int] = {}
        for design in to_embed:
            if design.id in stored:
                pk_of[design.id] = stored[design.id][0]
            else:
                pk_of[design.id] = next_pk
                next_pk += 1
        changed_pks = [pk_of[d.id] for d in to_embed if d.id in stored]

        with db.conn:
            if removed_pks:
                for start in range(0, len(removed_pks), 900):
                    chunk = removed_pks[start : start + 900]
                    db.execute(f"delete from designs where pk in ({','.join('?' * len(chunk))})", chunk)
            db["designs"].upsert_all(
                (_row(pk_of.get(d.id) or stored[d.id][0], d) for d in [*to_embed, *metadata_only]),
                pk="pk",
            )
        vectors = vector_index.remove(vectors, removed_pks + changed_pks)  # HNSW comes back rebuilt
        vector_index.add(vectors, embeddings, [pk_of[d.id] for d in to_embed])
        if vector_index.kind_of(vectors) != chosen_type:
            # a new --index-type, or a flat index grown past the auto threshold: same vectors, new structure
            vectors = vector_index.convert(vectors, chosen_type)
        vector_index.write(vectors, staging / store.VECTORS_FILE)

        lexical.rebuild(db)  # from the designs table as it now stands: always in step, published with it
        created = previous_facts.get("created") if previous is not None else None
        designs_db.write_facts(
            db,
            {
                "format_version": FORMAT_VERSION,
                "model": embedder.name,
                "model_label": model_label(embedder.name),
                "model_fingerprint": embedder.fingerprint,
                "backend": embedder.backend,
                "dim": int(dim),
                "metric": "cosine (inner product of unit vectors)",
                "index_type": chosen_type,
                "count": int(vectors.ntotal),
                "source": str(Path(catalog).resolve()),
                "id_field": id_field,
                "text_fields": text_fields,
                "metadata_fields": designs_db.metadata_fields(db),
                "package_version": __version__,
                "created": created or now_iso(),
                "updated": now_iso(),
                "last_build": {k: getattr(report, k) for k in ("added", "updated", "metadata_updated", "removed", "unchanged")},
            },
        )
        if vectors.ntotal != db["designs"].count:
            raise RuntimeError(f"index out of step: {vectors.ntotal} vectors for {db['designs'].count} designs")
        return True
    finally:
        db.conn.close()


def _row(pk: int, design: Design) -> dict:
    return {
        "pk": pk,
        "id": design.id,
        "text": design.text,
        # field order is kept: the first text field is the design's title
        "fields": json.dumps(design.fields, ensure_ascii=False),
        "metadata": designs_db.dump_json(design.metadata),
        "content_hash": design.content_hash,
    }
