"""Sweep archives: a real tiny sweep (cut model, demo data) archived, restored on a "new machine" (another sweeps
root) without retraining, reported identically from the archive alone, and refused when it is another sweep."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from hybrid_core import archive, sweep
from hybrid_core.report import write_sweep_report
from hybrid_core.results import aggregated, per_query, read_results

TINY_TRAIN = {"model": "e5-small-cut", "data": "demo", "max_steps": 2, "batch_size": 8, "save_steps": 1,
              "logging_steps": 1, "warmup_ratio": 0.0}


def _config(name: str = "arch", **overrides) -> sweep.SweepConfig:
    values = {"name": name, "alphas": (0.0, 0.5, 1.0), "seeds": (1,), "train": dict(TINY_TRAIN),
              "evaluations": (sweep.EvalSpec("demo"),)}
    values.update(overrides)
    return sweep.SweepConfig(**values)


@pytest.fixture(scope="module")
def archived(tmp_path_factory) -> tuple[Path, Path]:
    """A finished tiny sweep (first machine) and its archive."""
    base = tmp_path_factory.mktemp("archive")
    store = base / "published" / "archive"
    sweep.run_sweep(_config(), root=base / "machine-1", archive=store)
    return base / "machine-1" / "arch", store


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_every_finished_point_is_archived_with_the_rows_the_report_resamples(archived) -> None:
    folder, store = archived
    assert set(_files(store)) == {
        "sweep.json", "results/untuned/demo-sentence.parquet",
        *(f"results/{p}/{f}" for p in ("a0.00-s1", "a0.50-s1", "a1.00-s1")
          for f in ("demo-sentence.parquet", "training.json"))}
    source = read_results(folder / "results" / "a0.50-s1" / "demo-sentence.parquet")
    kept = read_results(store / "results" / "a0.50-s1" / "demo-sentence.parquet")
    pd.testing.assert_frame_equal(aggregated(kept).reset_index(drop=True), aggregated(source).reset_index(drop=True))
    pairs = set(zip(per_query(kept)["metric"], per_query(kept)["setting"]))
    assert pairs == set(archive.PER_QUERY) & set(zip(per_query(source)["metric"], per_query(source)["setting"]))
    assert ("R@10", "monolingual") not in pairs and len(per_query(kept)) < len(per_query(source))
    wanted = per_query(source)[[(m, s) in pairs for m, s in zip(per_query(source)["metric"],
                                                                per_query(source)["setting"])]]
    pd.testing.assert_frame_equal(per_query(kept).reset_index(drop=True), wanted.reset_index(drop=True))
    training = json.loads((store / "results" / "a0.50-s1" / "training.json").read_text())
    assert training["state"] == "finished" and training["step"] == 2 and "versions" in training
    assert json.loads((store / "sweep.json").read_text())["train"]["max_steps"] == 2


def test_archiving_again_changes_nothing(archived) -> None:
    folder, store = archived
    before = _files(store)
    stamps = {p: p.stat().st_mtime_ns for p in store.rglob("*") if p.is_file()}
    assert archive.write_archive(folder, store) == []
    assert _files(store) == before
    assert {p: p.stat().st_mtime_ns for p in store.rglob("*") if p.is_file()} == stamps


def test_a_new_machine_continues_from_the_archive_without_retraining(archived, tmp_path: Path) -> None:
    folder, store = archived
    seen: list[tuple[str, str]] = []
    results = sweep.run_sweep(_config(), root=tmp_path, archive=store, on_point=lambda p, s: seen.append((p, s)))
    assert seen == [], "archived points must not run again"
    restored = tmp_path / "arch"
    assert not (restored / "runs").exists() or not any((restored / "runs").iterdir())
    assert set(sweep.point_states(restored)["state"]) == {"done"}
    assert set(results["run"]) == {"untuned", "a0.00-s1", "a0.50-s1", "a1.00-s1"}

    # the report of the restored sweep, and of the archive alone, equal the first machine's report
    first = {k: v for k, v in _report(folder, tmp_path / "r1").items() if k != "report.json"}
    assert first == {k: v for k, v in _report(restored, tmp_path / "r2").items() if k != "report.json"}
    assert first == {k: v for k, v in _report(store, tmp_path / "r3").items() if k != "report.json"}

    # growing the grid trains only the new point, and adds it to the archive
    sweep.run_sweep(_config(alphas=(0.0, 0.25, 0.5, 1.0)), root=tmp_path, archive=store,
                    on_point=lambda p, s: seen.append((p, s)))
    assert seen == [("a0.25-s1", "done")]
    assert (store / "results" / "a0.25-s1" / "demo-sentence.parquet").is_file()
    assert 0.25 in json.loads((store / "sweep.json").read_text())["alphas"]


def test_an_evaluation_added_to_a_restored_point_needs_its_model_again(archived, tmp_path: Path) -> None:
    _, store = archived
    archive.restore_archive(store, _config(), root=tmp_path)
    wider = _config(evaluations=(sweep.EvalSpec("demo"), sweep.EvalSpec.parse("demo,max_questions=4,alphas=1")))
    sweep.prepare(wider, root=tmp_path)
    states = sweep.point_states(tmp_path / "arch").set_index("point")
    assert states.loc["a0.00-s1", "state"] == "done"
    assert states.loc["a1.00-s1", "state"] == "pending"  # no model here: the point retrains, then evaluates
    assert states.loc["a1.00-s1", "missing_evaluations"] == ["demo-sentence-q4"]


def test_the_report_reads_an_archive_whose_data_is_not_on_this_machine(archived, tmp_path: Path) -> None:
    _, store = archived
    moved = tmp_path / "archive"
    for name, data in _files(store).items():
        (moved / name).parent.mkdir(parents=True, exist_ok=True)
        (moved / name).write_bytes(data)
    saved = json.loads((moved / "sweep.json").read_text())
    saved["train"]["data"] = "/nowhere/mlqa-r"
    saved["evaluations"][0]["data"] = "/nowhere/xquad-r"
    (moved / "sweep.json").write_text(json.dumps(saved))
    with pytest.raises(ValueError, match="does not exist"):
        sweep.load_config(moved)
    assert "demo-sentence/curves.csv" in _report(moved, tmp_path / "out")


def test_another_sweep_or_other_training_is_refused(archived, tmp_path: Path) -> None:
    _, store = archived
    with pytest.raises(ValueError, match=r"holds sweep 'arch', not 'other'"):
        archive.restore_archive(store, _config("other"), root=tmp_path)
    with pytest.raises(ValueError, match=r"other training settings \(max_steps: 2 -> 3\)"):
        archive.restore_archive(store, _config(train={**TINY_TRAIN, "max_steps": 3}), root=tmp_path)
    with pytest.raises(ValueError, match="max_steps: 2 -> 3"):
        sweep.run_sweep(_config(train={**TINY_TRAIN, "max_steps": 3}), root=tmp_path, archive=store)
    with pytest.raises(FileNotFoundError, match=r"no sweep\.json"):
        archive.restore_archive(tmp_path, _config(), root=tmp_path / "x")


def test_the_same_data_elsewhere_is_the_same_sweep() -> None:
    old = {"data": "/work/shared/data/mlqa-r", "model": "e5-small", "max_steps": 300}
    moved = {**old, "data": "/home/me/data/mlqa-r"}
    assert sweep.training_differences(old, moved, ignore_locations=True) == []
    assert sweep.training_differences(old, moved) == ["data: '/work/shared/data/mlqa-r' -> '/home/me/data/mlqa-r'"]
    other = {**old, "data": "/work/shared/data/xquad-r"}
    assert sweep.training_differences(old, other, ignore_locations=True) == [
        "data: '/work/shared/data/mlqa-r' -> '/work/shared/data/xquad-r'"]


def _report(folder: Path, out: Path) -> dict[str, bytes]:
    write_sweep_report(folder, out, png=False, draws=200)
    return _files(out)


def test_published_archives_are_found_by_sweep_name_most_points_first(tmp_path: Path, monkeypatch) -> None:
    for name, points in (("small", ["untuned", "a0.00-s1"]), ("big", ["untuned", "a0.00-s1", "a1.00-s1"])):
        folder = tmp_path / name / "archive"
        for point in points:
            (folder / "results" / point).mkdir(parents=True)
        (folder / "sweep.json").write_text("{}")
    (tmp_path / "not-an-archive").mkdir()
    assert list(archive.published_archives(tmp_path)) == ["big", "small"]
    monkeypatch.setenv("HBL_PUBLISHED_RESULTS", str(tmp_path))
    assert archive.published_archives()["small"] == tmp_path / "small" / "archive"
    monkeypatch.setenv("HBL_PUBLISHED_RESULTS", "")
    assert archive.published_archives() == {}


def test_best_alpha_command_reads_an_archive(archived, capsys) -> None:
    from hybrid_core import analysis
    from hybrid_core.cli import main

    _, store = archived
    assert main(["sweep", "best", str(store), "--setting", "monolingual", "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    expected = analysis.best_alpha(sweep.collect_results(store).drop(columns="evaluation"), metric="AP@20",
                                   setting="monolingual")
    assert answer["alpha"] == expected["alpha"] and answer["value"] == pytest.approx(expected["value"])
    assert main(["sweep", "best", str(store), "--metric", "RD"]) == 0
    assert float(capsys.readouterr().out) in (0.0, 0.5, 1.0)
    assert main(["sweep", "best", str(store), "--evaluation", "nope"]) == 2
    assert "unknown evaluation 'nope'" in capsys.readouterr().err


def test_restored_copies_are_not_encoded_again(archived, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A point restored from the archive is byte-identical to it: archiving it again must not re-encode it (another
    pandas or pyarrow version would change the bytes of a published file)."""
    _, store = archived
    before = _files(store)

    def never(table: pd.DataFrame) -> bytes:
        raise AssertionError("a restored result file was encoded again")

    monkeypatch.setattr(archive, "_parquet_bytes", never)
    sweep.run_sweep(_config(), root=tmp_path, archive=store)
    assert _files(store) == before


def test_archived_attrs_name_the_data_portably(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shared = tmp_path / "shared"
    (shared / "xquad-r").mkdir(parents=True)
    monkeypatch.setenv("HBL_SHARED_DATA", str(shared))
    attrs = {"evaluation": {"source": str(shared / "xquad-r"), "dataset": "xquad-r"}, "other": 1}
    assert archive.portable_attrs(attrs) == {"evaluation": {"source": "xquad-r", "dataset": "xquad-r"}, "other": 1}
    assert archive.portable_attrs({"evaluation": {"source": "demo"}}) == {"evaluation": {"source": "demo"}}
    run = tmp_path / "ws" / "sweeps" / "s300" / "runs" / "a0.50-s1"
    options = {"model": str(run), "cache_root": str(tmp_path / "cache"), "seed": 1}
    assert archive.portable_attrs({"evaluation": {"options": options}}) == {
        "evaluation": {"options": {"model": "s300/a0.50-s1", "cache_root": None, "seed": 1}}}
