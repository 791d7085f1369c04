"""Sweep reports: α schedules beside the constant curve, the Pareto view, and no change for constant-only sweeps."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from hybrid_core.report import write_sweep_report
from hybrid_core.results import make_rows, setting_of, write_results

LANGS = ("en", "de")
QIDS = tuple(f"q{i}" for i in range(12))


def _point(alpha: float, schedule: str, seed: int, base: float, run: str) -> pd.DataFrame:
    """Per-query and cell rows of AP@20 (every cell) and LangShare@10 (diagonal) for one run."""
    rng = np.random.default_rng(seed)
    records = []
    for x in LANGS:
        for y in (*LANGS, "all"):
            setting = setting_of(x, y)
            offset = 0.0 if x == y else (-0.1 if y == "all" else -0.2)
            values = np.clip(base + offset + rng.normal(0, 0.05, len(QIDS)), 0, 1)
            cells = [("AP@20", values)]
            if y != "all":
                cells.append(("LangShare@10", np.full(len(QIDS), 0.7 if x == y else 0.3) * (base + 0.5) / 1.5))
            for metric, per_q in cells:
                for qid, value in zip(QIDS, per_q):
                    records.append({"setting": setting, "query_lang": x, "doc_lang": y, "metric": metric,
                                    "value": float(value), "qid": qid})
                records.append({"setting": setting, "query_lang": x, "doc_lang": y, "metric": metric,
                                "value": float(np.mean(per_q)), "qid": ""})
    table = make_rows(records, run=run, model="m", alpha=alpha, seed=seed, dataset="synthetic")
    table["schedule"] = schedule
    return table


def _sweep(folder: Path, points: list[tuple[float, str, float]]) -> Path:
    """A sweep folder (sweep.json and one results file per point) with the given (alpha, schedule, base)."""
    from hybrid_core.sweep.config import point_id

    alphas = [float(a) if s == repr(a).removesuffix(".0") or s in ("0", "1") else s for a, s, _ in points]
    config = {"name": folder.name, "alphas": alphas, "seeds": [1, 2], "train": {}, "evaluations": [],
              "untuned": False}
    folder.mkdir(parents=True)
    (folder / "sweep.json").write_text(json.dumps(config))
    for alpha, schedule, base in points:
        for seed in (1, 2):
            run = point_id(schedule, seed)
            write_results(_point(alpha, schedule, seed, base, run), folder / "results" / run / "demo-sentence.parquet")
    return folder


def test_a_report_with_schedules_marks_them_and_draws_the_pareto_view(tmp_path: Path) -> None:
    folder = _sweep(tmp_path / "mixed", [(0.0, "0", 0.5), (0.5, "0.5", 0.55), (1.0, "1", 0.6),
                                         (0.5, "linear:0-1", 0.8)])
    out = tmp_path / "report"
    write_sweep_report(folder, out, png=False, draws=200)
    part = out / "demo-sentence"
    curves = pd.read_csv(part / "curves.csv")
    assert sorted(curves["alpha"].unique()) == [0.0, 0.5, 1.0]
    schedules = pd.read_csv(part / "schedules.csv")
    assert set(schedules["schedule"]) == {"linear:0-1"} and set(schedules["alpha"]) == {0.5}
    tests = pd.read_csv(part / "schedule-tests.csv")
    assert set(tests["reference"]) == {0.0, 0.5, 1.0} and (tests["mean_difference"] > 0).all()
    recipes = pd.read_csv(part / "recipes.csv")
    assert recipes.set_index("recipe")["pareto"].to_dict() == {"α=0": False, "α=0.5": False, "α=1": False,
                                                               "linear:0-1": True}
    summary = (part / "summary.md").read_text()
    assert "#### α schedules" in summary and "Pareto front" in summary and "linear:0-1" in summary
    html = (part / "figures.html").read_text()
    assert "id='pareto-AP20'" in html and "schedule linear:0-1" in html
    assert "schedule" in pd.read_csv(out / "results.csv").columns
    paired = pd.read_csv(part / "paired-tests.csv")
    assert sorted(paired["alpha"].unique()) == [0.0, 0.5, 1.0], "a schedule never enters the constant α's tests"


def test_a_constant_only_report_has_no_schedule_outputs(tmp_path: Path) -> None:
    folder = _sweep(tmp_path / "plain", [(0.0, "0", 0.5), (1.0, "1", 0.6)])
    out = tmp_path / "report"
    written = {p.relative_to(out).as_posix() for p in write_sweep_report(folder, out, png=False, draws=200)}
    assert not {"demo-sentence/schedules.csv", "demo-sentence/recipes.csv"} & written
    assert "schedule" not in pd.read_csv(out / "results.csv").columns
    assert "pareto" not in (out / "demo-sentence" / "figures.html").read_text()


@pytest.mark.parametrize("bad", ["docs", "README.md"])
def test_the_report_command_refuses_what_is_not_a_sweep(bad: str, capsys, tmp_path: Path) -> None:
    from hybrid_core.cli import main

    root = Path(__file__).resolve().parents[1]
    assert main(["sweep", "report", str(root / bad), "--out", str(tmp_path)]) == 2
    assert "is not a sweep folder or archive" in capsys.readouterr().err


@pytest.mark.slow
def test_a_sweep_with_remedies_reports_them_side_by_side_also_from_its_archive(tmp_path: Path) -> None:
    """A tiny real sweep (cut model, demo data) evaluated without a remedy, with centering and with SHIFT: each
    evaluation gets its α report, and the remedies report compares them on the same models, from the sweep folder
    and, identically, from its archive on a machine without the models."""
    from hybrid_core import sweep

    evaluations = (sweep.EvalSpec("demo"), sweep.EvalSpec("demo", debias="centering"),
                   sweep.EvalSpec("demo", debias="shift:0.5"))
    config = sweep.SweepConfig("rem", alphas=(0.0, 1.0), train={"model": "e5-small-cut", "data": "demo",
                                                                "max_steps": 2, "batch_size": 8},
                               evaluations=evaluations)
    store = tmp_path / "archive"
    sweep.run_sweep(config, root=tmp_path / "sweeps", archive=store)
    assert sorted(p.name for p in (store / "results" / "a0.00-s1").iterdir()) == [
        "demo-sentence--centering.parquet", "demo-sentence--centering.remedy.json",
        "demo-sentence--shift0.5-en.parquet", "demo-sentence--shift0.5-en.remedy.json", "demo-sentence.parquet",
        "training.json"]
    from_folder, from_archive = tmp_path / "report-folder", tmp_path / "report-archive"
    write_sweep_report(tmp_path / "sweeps" / "rem", from_folder, png=False, draws=200)
    write_sweep_report(store, from_archive, png=False, draws=200)
    part = from_folder / "demo-sentence--remedies"
    points = pd.read_csv(part / "remedies.csv")
    assert set(points["debias"]) == {"none", "centering", "shift:0.5,source=en"}
    assert set(points["recipe"]) == {"untuned", "α=0", "α=1"}
    tests = pd.read_csv(part / "remedy-tests.csv")
    assert set(tests["debias"]) == {"centering", "shift:0.5,source=en"} and set(tests["reference"]) == {"none"}
    assert "index-side remedies" in (part / "summary.md").read_text()
    assert "id='pareto-AP20'" in (part / "figures.html").read_text()
    for name in ("remedies.csv", "remedy-tests.csv", "summary.md"):
        assert (part / name).read_text() == (from_archive / "demo-sentence--remedies" / name).read_text(), name
    results = pd.read_csv(from_folder / "results.csv", keep_default_na=False)
    assert {"debias", "debias_fit"} <= set(results.columns)


def test_the_report_reads_one_evaluation_at_a_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Memory is bounded by one evaluation: every file of an evaluation is read just before its report, the next
    evaluation's only after it; the remedies report reads its dataset's files again, with only the per-query rows it
    resamples. The tables equal those of the report that read everything at once (the same files come out)."""
    from hybrid_core import report
    from hybrid_core.sweep import folder as sweep_folder

    folder = _sweep(tmp_path / "rem", [(0.0, "0", 0.5), (1.0, "1", 0.6)])
    for path in sorted((folder / "results").glob("*/demo-sentence.parquet")):  # the same points under a remedy
        table = pd.read_parquet(path)
        table["debias"], table["value"] = "centering", table["value"] * 0.9
        write_results(table, path.with_name("demo-sentence--centering.parquet"))
    events: list[tuple[str, ...]] = []
    read, evaluation_report, remedies_report = (report.read_result_file, report.evaluation_report,
                                                report.remedies_report)

    def reading(path: Path, **options) -> pd.DataFrame:
        table = read(path, **options)
        per_query = set(zip(table.loc[table["qid"] != "", "metric"], table.loc[table["qid"] != "", "setting"]))
        events.append(("read", path.stem, path.parent.name, str(sorted(per_query))))
        return table

    def reporting(table: pd.DataFrame, name: str, out: Path, **options) -> list[Path]:
        events.append(("report", name, str(len(table))))
        return evaluation_report(table, name, out, **options)

    def remedies(table: pd.DataFrame, base: str, out: Path, **options) -> list[Path]:
        events.append(("remedies", base, str(len(table))))
        return remedies_report(table, base, out, **options)

    monkeypatch.setattr(report, "read_result_file", reading)
    monkeypatch.setattr(report, "evaluation_report", reporting)
    monkeypatch.setattr(report, "remedies_report", remedies)
    write_sweep_report(folder, tmp_path / "out", png=False, draws=100)

    kinds = [e[0] for e in events]
    assert kinds == ["read"] * 4 + ["report"] + ["read"] * 4 + ["report"] + ["read"] * 8 + ["remedies"]
    assert {e[1] for e in events[:4]} == {"demo-sentence"} and events[4][1] == "demo-sentence"
    assert {e[1] for e in events[5:9]} == {"demo-sentence--centering"} and events[9][1] == "demo-sentence--centering"
    # the remedies report reads only the per-query rows it resamples (here: every pair the files hold is one of them)
    assert {e[1] for e in events[10:18]} == {"demo-sentence", "demo-sentence--centering"}
    everything = sweep_folder.collect_results(folder, metrics=None)
    assert int(events[-1][2]) <= len(everything)
    assert int(events[4][2]) == int((everything["evaluation"] == "demo-sentence").sum())
    results = pd.read_csv(tmp_path / "out" / "results.csv", keep_default_na=False)
    assert len(results) == int((everything["qid"] == "").sum())
    assert list(results["evaluation"]) == list(everything.loc[everything["qid"] == "", "evaluation"])
