"""Sweep archives: the small, machine-independent record of a sweep's finished points, to commit and restore.

A sweep folder lives outside the repository (its trained models are large) and is gone with the machine. An
*archive* keeps what the analysis needs of every finished point, small enough to commit beside the published
report, and lets a sweep on another machine continue from it instead of retraining what is finished.

An archive has the layout of a sweep folder without its runs, so every reader of sweep folders reads it too
(``sweep status``, ``sweep report``, :func:`hybrid_core.sweep.collect_results`):

=============================================  ===========================================================
``sweep.json``                                 the sweep's configuration (every training setting pinned)
``results/<point>/<evaluation>.parquet``       the point's results table: every aggregated (per-cell) row and
                                               the per-query rows of the (metric, setting) pairs the report
                                               resamples (the measure registry's curves,
                                               :func:`hybrid_core.measures.archived_per_query`), zstd-compressed
``results/<point>/<evaluation>.remedy.json``   for an evaluation with an index-side remedy: the remedy, where its
                                               statistics came from and the query languages they cover / miss
``results/<point>/training.json``              what the point's training run reported (steps, loss, realized α,
                                               times, library versions); it marks the point as trained elsewhere
=============================================  ===========================================================

:func:`write_archive` adds a sweep's newly finished points to an archive (rewriting only files whose content
changed, so a re-run leaves the archive and its git history untouched); :func:`restore_archive` copies an
archive's points into a sweep folder, where they count as done (``archived``: their model is not on this
machine, so an evaluation added later retrains the point, deterministically, before evaluating it).
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import math
from pathlib import Path
from typing import Any

import pandas as pd

from hybrid_core import measures, runs
from hybrid_core.atomic import write_bytes
from hybrid_core.locations import model_label, portable_data
from hybrid_core.paths import published_results_dir
from hybrid_core.results import cells_and_pairs, read_results, validate_results
from hybrid_core.sweep.config import UNTUNED, EvalSpec, SweepConfig, point_id
from hybrid_core.sweep.folder import (
    ARCHIVED_FILE,
    CONFIG_FILE,
    check_fingerprints,
    grown,
    load_config,
    pinned_training,
    point_states,
    prepare,
    read_saved,
    training_differences,
)

log = logging.getLogger(__name__)

#: Beside ``<evaluation>.parquet`` of a remedy's evaluation: its coverage (:meth:`FittedRemedy.identity`).
REMEDY_SUFFIX = ".remedy.json"

PerQuery = tuple[tuple[str, str], ...]
#: Fields of a run's status.json / config.json kept in ``training.json``.
_STATUS_FIELDS = ("state", "step", "total_steps", "loss", "realized_alpha", "started", "finished", "elapsed_s",
                  "steps_per_second")
_CONFIG_FIELDS = ("versions", "pairs", "train_pairs", "created")


def __getattr__(name: str) -> object:
    """``PER_QUERY``: the (metric, setting) pairs whose per-query rows are archived, what the report's curves, best
    α and paired tests resample (:func:`hybrid_core.measures.archived_per_query`, read when asked). Other
    per-query rows (R@10, nDCG@10, pooled ranks, ...) are left out: they would triple the size."""
    if name == "PER_QUERY":
        return measures.archived_per_query()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def published_archives(root: Path | None = None) -> dict[str, Path]:
    """The sweep archives under ``root`` (default :func:`hybrid_core.paths.published_results_dir`), by sweep name,
    those with the most trained points first."""

    root = Path(root) if root is not None else published_results_dir()
    if root is None:
        return {}
    found = []
    for config in sorted(root.glob("*/archive/" + CONFIG_FILE)):
        folder = config.parent
        trained = sum(1 for p in (folder / "results").glob("*/") if p.is_dir() and p.name != UNTUNED)
        found.append((-trained, folder.parent.name, folder))
    return {name: folder for _, name, folder in sorted(found)}


def archive_table(table: pd.DataFrame, *, per_query: PerQuery | None = None) -> pd.DataFrame:
    """The rows of a point's results table that an archive keeps: every cell mean, and the per-query rows of
    the ``per_query`` (metric, setting) pairs (default: the measure registry's, :data:`PER_QUERY`)."""
    pairs = measures.archived_per_query() if per_query is None else per_query
    return validate_results(table[cells_and_pairs(table, pairs)])


def portable_attrs(attrs: dict[str, Any]) -> dict[str, Any]:
    """A results table's ``attrs`` without this machine's paths: the evaluation's ``source`` (the data folder it
    read) becomes its portable reference (:func:`hybrid_core.locations.portable_data`: a dataset of the shared
    data folder by its name), the model of its options the model's portable name
    (:func:`hybrid_core.locations.model_label`) and a cache folder of its options ``None`` (the default)."""
    evaluation = attrs.get("evaluation")
    if not isinstance(evaluation, dict):
        return attrs
    evaluation = dict(evaluation)
    if evaluation.get("source"):
        evaluation["source"] = portable_data(evaluation["source"])
    options = evaluation.get("options")
    if isinstance(options, dict):
        options = dict(options)
        if options.get("model"):
            options["model"] = model_label(options["model"])
        if options.get("cache_root"):
            options["cache_root"] = None
        evaluation["options"] = options
    return {**attrs, "evaluation": evaluation}


def _parquet_bytes(table: pd.DataFrame) -> bytes:
    """Parquet of a results table, its attrs portable; the same table gives the same bytes (no timestamps)."""
    buffer = io.BytesIO()
    table = table.copy(deep=False)
    table.attrs = portable_attrs(dict(table.attrs))
    table.to_parquet(buffer, index=False, compression="zstd", compression_level=19)
    return buffer.getvalue()


def _write_if_changed(path: Path, data: bytes) -> bool:
    if path.is_file() and path.read_bytes() == data:
        return False
    write_bytes(path, data)
    return True


def training_summary(run: Path) -> dict[str, Any]:
    """What a finished point's run reported: the status fields and the library versions of its config."""

    status = runs.read_json(run / runs.STATUS_FILE) or {}
    config = runs.read_json(run / runs.CONFIG_FILE) or {}
    summary = {k: status[k] for k in _STATUS_FIELDS if k in status}
    summary.update({k: config[k] for k in _CONFIG_FIELDS if k in config})
    return summary


def write_archive(folder: Path, archive: Path, *, per_query: PerQuery | None = None) -> list[Path]:
    """Add every finished point of the sweep in ``folder`` to ``archive``; returns the files written or changed.

    Points that are not finished (or whose evaluations are incomplete) are left out; a point already in the
    archive is rewritten only if its content changed. The archive's ``sweep.json`` is the sweep's.

    Raises:
        ValueError: ``archive`` holds another sweep, or one with other training settings.
    """
    folder, archive = Path(folder), Path(archive)
    config = load_config(folder)
    saved = _compatible_saved(archive, config) if (archive / CONFIG_FILE).is_file() else None
    written: list[Path] = []
    states = point_states(folder, config)
    for row in states.itertuples():
        if row.state != "done":
            continue
        point_folder = folder / "results" / row.point
        for source in sorted(point_folder.glob("*.parquet")):
            target = archive / "results" / row.point / source.name
            if target.is_file() and target.stat().st_mtime_ns >= source.stat().st_mtime_ns:
                continue  # archived after the result was written: result files are written once
            if target.is_file() and target.stat().st_size == source.stat().st_size \
                    and target.read_bytes() == source.read_bytes():
                continue  # restored from this archive: re-encoding it (other library versions) would churn bytes
            data = _parquet_bytes(archive_table(read_results(source), per_query=per_query))
            if _write_if_changed(target, data):
                written.append(target)
        for source in sorted(point_folder.glob(f"*{REMEDY_SUFFIX}")):  # which languages a remedy covered
            if _write_if_changed(archive / "results" / row.point / source.name, source.read_bytes()):
                written.append(archive / "results" / row.point / source.name)
        if row.point != UNTUNED:
            restored = point_folder / ARCHIVED_FILE
            summary = json.loads(restored.read_text(encoding="utf-8")) if restored.is_file() \
                else training_summary(folder / "runs" / row.point)
            target = archive / "results" / row.point / ARCHIVED_FILE
            if _write_if_changed(target, _json_bytes(summary)):
                written.append(target)
    merged = config if saved is None else grown(config, saved["alphas"], saved["seeds"],
                                                 [EvalSpec.from_dict(e) for e in saved["evaluations"]])
    if _write_if_changed(archive / CONFIG_FILE, _json_bytes(merged.to_dict())):
        written.append(archive / CONFIG_FILE)
    if written:
        log.info("archive %s: %d file(s) written", archive, len(written))
    return written


def restore_archive(archive: Path, config: SweepConfig, *, root: Path | None = None, reuse: bool = False) -> list[str]:
    """Copy the archived points of ``archive`` that the sweep ``config`` lacks into its folder; returns them.

    The sweep folder is created (or checked) as by :func:`hybrid_core.sweep.prepare`. A restored point counts as
    done when every evaluation it needs is archived; its result files are never overwritten.

    With ``reuse``, ``archive`` may hold *another* sweep with the same training settings: only the points of
    ``config``'s grid (and the untuned reference) are copied, and only evaluations that are the same evaluation
    (same name and settings; the data may lie elsewhere). A schedule experiment reuses a published constant-α
    curve this way: the same points, trained with the same pinned settings, are not trained again.

    Raises:
        FileNotFoundError: ``archive`` is not an archive (no ``sweep.json``).
        ValueError: the archive's sweep has another name (without ``reuse``) or other training settings.
    """
    archive = Path(archive)
    saved = _compatible_saved(archive, config, other_name=reuse)
    folder = prepare(config, root=root)
    wanted_points = {point_id(a, s) for a, s in config.points()} | ({UNTUNED} if config.untuned else set())
    same_evaluations = {e.name for e in config.evaluations
                        if any(_same_evaluation(e, EvalSpec.from_dict(other)) for other in saved["evaluations"])}
    restored: list[str] = []
    for point_folder in sorted(p for p in (archive / "results").glob("*/") if p.is_dir()):
        point = point_folder.name
        if reuse and point not in wanted_points:
            continue
        copied = False
        for source in sorted(point_folder.glob("*.parquet")):
            if reuse and source.stem not in same_evaluations:
                continue
            target = folder / "results" / point / source.name
            if not target.exists():
                write_bytes(target, source.read_bytes())
                copied = True
            coverage = source.with_name(source.stem + REMEDY_SUFFIX)
            if coverage.is_file() and not target.with_name(coverage.name).exists():
                write_bytes(target.with_name(coverage.name), coverage.read_bytes())
        summary = point_folder / ARCHIVED_FILE
        if summary.is_file() and not (folder / "results" / point / ARCHIVED_FILE).exists():
            write_bytes(folder / "results" / point / ARCHIVED_FILE, summary.read_bytes())
        if copied:
            restored.append(point)
    if restored:
        log.info("sweep %s: restored %d point(s) from %s: %s", config.name, len(restored), archive,
                 ", ".join(restored))
    return restored


def _json_bytes(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, indent=2, sort_keys=True, default=_jsonable) + "\n").encode("utf-8")


def _jsonable(value: object) -> object:
    if isinstance(value, float) and math.isnan(value):
        return None
    return str(value)


def _same_evaluation(a: EvalSpec, b: EvalSpec) -> bool:
    """Whether two evaluations compute the same thing (their data may lie in different folders)."""
    def key(e: EvalSpec) -> tuple:
        data = e.data if e.data == "demo" else Path(e.data).name
        return (e.name, data, e.format, e.candidate_text, e.languages, e.max_questions, e.backend, e.debias,
                None if e.debias_data is None else Path(e.debias_data).name)

    return key(a) == key(b)


def _compatible_saved(archive: Path, config: SweepConfig, *, other_name: bool = False) -> dict[str, Any]:
    """The archive's raw ``sweep.json``, checked to hold the same sweep (its data may live elsewhere), or with
    ``other_name`` a sweep of another name with the same training settings."""
    saved = read_saved(archive)
    if not other_name and saved.get("name") != config.name:
        raise ValueError(f"archive {archive} holds sweep {saved.get('name')!r}, not {config.name!r}")
    changed = training_differences(saved.get("train", {}), pinned_training(config), ignore_locations=True)
    if changed:
        raise ValueError(f"archive {archive}: sweep {config.name!r} was archived with other training settings "
                         f"({', '.join(changed)})")
    return saved


def migrate_archive(archive: Path) -> list[Path]:
    """Rewrite an archive made before results were portable: data paths become portable references (a dataset of
    the shared data folder by its name), the ``model`` column of every results file the model's portable name
    (``budget-s300/a0.50-s1`` instead of a run folder's path), and the datasets' fingerprints are recorded where the
    data is on this machine. Values, rows and every other field stay as they are; an archive already migrated is
    left untouched. Returns the files rewritten.
    """

    archive = Path(archive)
    saved = read_saved(archive)
    written: list[Path] = []
    train = dict(saved.get("train", {}))
    if "data" in train:
        train["data"] = portable_data(train["data"])
    evaluations = [{**e, "data": portable_data(e["data"])} for e in saved.get("evaluations", [])]
    migrated = {**saved, "train": train, "evaluations": evaluations}
    with contextlib.suppress(FileNotFoundError):  # the data is not on this machine: record no fingerprints
        migrated["datasets"] = check_fingerprints(SweepConfig.from_dict(migrated), where=str(archive / CONFIG_FILE))
    if _write_if_changed(archive / CONFIG_FILE, _json_bytes(migrated)):
        written.append(archive / CONFIG_FILE)
    for path in sorted((archive / "results").glob("*/*.parquet")):
        table = read_results(path)
        labels = table["model"].map({m: model_label(m) for m in table["model"].unique()})
        if (labels == table["model"]).all() and portable_attrs(table.attrs) == table.attrs:
            continue
        if _write_if_changed(path, _parquet_bytes(validate_results(table.assign(model=labels)))):
            written.append(path)
    return written
