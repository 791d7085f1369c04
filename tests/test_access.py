"""hybrid_core.access and the data roots of hybrid_core.paths: modes, allow-lists, limits, the rate limiter, bounded
folder searches, and typed paths refused outside the roots."""

from __future__ import annotations

import os

import pytest

from hybrid_core import access, probe
from hybrid_core.paths import PathNotAllowedError, check_within_roots, data_roots


@pytest.fixture
def clean_env(monkeypatch):
    for variable in ("HBL_MODE", "HBL_DATA_ROOTS", "HBL_VIEWER_POOLS", "HBL_VIEWER_ENCODERS",
                     *access.Limits.VARIABLES.values()):
        monkeypatch.delenv(variable, raising=False)
    return monkeypatch


def test_mode_defaults_to_lab_and_refuses_unknown_values(clean_env):
    assert access.mode() == "lab" and not access.is_viewer()
    clean_env.setenv("HBL_MODE", " Viewer ")
    assert access.is_viewer()
    clean_env.setenv("HBL_MODE", "public")
    with pytest.raises(access.AccessConfigError, match="HBL_MODE='public' is not a mode; use one of lab, viewer"):
        access.mode()


def test_limits_come_from_the_environment_and_name_their_variable(clean_env):
    assert access.limits() == access.Limits()
    clean_env.setenv("HBL_MAX_STEPS", "100")
    clean_env.setenv("HBL_SEARCH_MAX_SECONDS", "0.5")
    current = access.limits()
    assert current.steps == 100 and current.search_seconds == 0.5 and current.batch_size == 512
    with pytest.raises(access.LimitError, match=r"steps: 101 is above this dashboard's limit of 100 "
                                                r"\(set by HBL_MAX_STEPS\)"):
        access.check_training(steps=101, batch_size=8)
    access.check_training(steps=100, batch_size=512)
    with pytest.raises(access.LimitError, match=r"batch size: 4,096 is above .* 512"):
        access.check_training(steps=10, batch_size=4096)
    clean_env.setenv("HBL_MAX_BATCH_SIZE", "many")
    with pytest.raises(access.AccessConfigError, match="HBL_MAX_BATCH_SIZE='many' is not a whole number"):
        access.limits()


def test_grid_limits_count_points_and_the_queue(clean_env):
    access.check_grid(10, 5)  # 50 points: the default limit
    with pytest.raises(access.LimitError, match=r"150 α value.* = 15,000 points is above .* limit of 50"):
        access.check_grid(150, 100, what="sweep")
    with pytest.raises(access.LimitError, match=r"98 run.* already queued .* HBL_MAX_PENDING_RUNS"):
        access.check_grid(3, 1, pending=98)


def test_viewer_allow_lists(clean_env, tmp_path):
    assert access.viewer_pools() == ["demo"] and access.viewer_encoders() == ["e5-small"]
    clean_env.setenv("HBL_VIEWER_POOLS", "demo, xquad-r,demo, " + str(tmp_path))
    assert access.viewer_pools() == ["demo", "xquad-r", str(tmp_path)]
    assert access.allowed_pools(["demo"]) == ["demo", str(tmp_path)]  # xquad-r is not on this "machine"
    with pytest.raises(access.NotAllowedError, match=r"pool 'mlqa-r' is not offered .* allows: demo \(set by "
                                                     "HBL_VIEWER_POOLS\\)"):
        access.check_viewer_choice("mlqa-r", ["demo"], what="pool", variable="HBL_VIEWER_POOLS")


def test_viewer_encoders_resolve_finished_runs_only(clean_env, tmp_path):
    clean_env.setenv("HBL_WORKSPACE", str(tmp_path))
    (tmp_path / "runs" / "done" / "final").mkdir(parents=True)
    (tmp_path / "runs" / "unfinished").mkdir(parents=True)
    (tmp_path / "sweeps" / "s" / "runs" / "a0.50-s1" / "final").mkdir(parents=True)
    clean_env.setenv("HBL_VIEWER_ENCODERS", "e5-small,done,unfinished,s/a0.50-s1,../etc,missing")
    assert access.allowed_encoders() == {"e5-small": "e5-small", str(tmp_path / "runs" / "done"): "done",
                                         str(tmp_path / "sweeps" / "s" / "runs" / "a0.50-s1"): "s/a0.50-s1"}


def test_rate_limiter_is_a_sliding_window():
    limiter = access.RateLimiter(3, window_seconds=10)
    assert [limiter.allow(now=t) for t in (0, 1, 2, 3)] == [True, True, True, False]
    assert limiter.retry_after(now=3) == 7
    assert limiter.allow(now=10.5) and not limiter.allow(now=10.6)  # the event of t=0 left the window
    assert limiter.retry_after(now=11.5) == 0


def test_data_roots_default_and_override(clean_env, tmp_path):
    clean_env.setenv("HBL_WORKSPACE", str(tmp_path / "ws"))
    roots = data_roots()
    assert (tmp_path / "ws").resolve() in roots
    assert (os.path.expanduser("~/data")) in [str(r) for r in roots]
    clean_env.setenv("HBL_DATA_ROOTS", f"{tmp_path / 'a'}{os.pathsep}{os.pathsep}{tmp_path / 'b'}")
    assert data_roots() == [(tmp_path / "a").resolve(), (tmp_path / "b").resolve()]


def test_paths_outside_the_roots_are_refused_after_resolving(clean_env, tmp_path):
    root, outside = tmp_path / "root", tmp_path / "outside"
    (root / "data").mkdir(parents=True)
    outside.mkdir()
    (root / "link").symlink_to(outside)
    clean_env.setenv("HBL_DATA_ROOTS", str(root))
    assert check_within_roots(root / "data") == (root / "data").resolve()
    for sneaky in (root / "link", root / "data" / ".." / ".." / "outside", "/"):
        with pytest.raises(PathNotAllowedError, match=f"outside the folders this dashboard may read \\({root}\\)"):
            check_within_roots(sneaky)
    with pytest.raises(probe.ProbeError, match=f"results path '/' is outside .*{root}.*HBL_DATA_ROOTS"):
        probe.check_user_path("/", what="results path")
    with pytest.raises(probe.ProbeError, match=r"resolved: .*outside"):
        probe.check_user_path(str(root / "link"))
    assert probe.check_user_path(str(root / "data")) == (root / "data").resolve()


def test_find_files_is_bounded(clean_env, tmp_path):
    deep = tmp_path
    for level in range(6):
        deep = deep / f"level{level}"
        deep.mkdir()
        (deep / f"r{level}.parquet").write_bytes(b"")
        (deep / "notes.txt").write_text("x")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "h.csv").write_text("x")
    (tmp_path / "loop").symlink_to(tmp_path)
    found = access.find_files(tmp_path, (".parquet", ".csv"), max_depth=2)
    assert sorted(p.name for p in found.files) == ["r0.parquet", "r1.parquet"]
    assert "deeper than 2 levels" in found.stopped
    everything = access.find_files(tmp_path, (".parquet",), max_depth=10)
    assert len(everything.files) == 6 and everything.stopped == ""
    capped = access.find_files(tmp_path, (".parquet",), max_depth=10, max_files=3)
    assert len(capped.files) == 3 and "stopped at 3 files (HBL_SEARCH_MAX_FILES)" in capped.stopped
    timed = access.find_files(tmp_path, (".parquet",), max_depth=10, max_seconds=0)
    assert timed.files == [] and "stopped after 0 s" in timed.stopped


def test_viewer_remedies_are_canonical_spellings_separated_by_spaces(monkeypatch):
    from hybrid_core import access

    monkeypatch.delenv("HBL_VIEWER_REMEDIES", raising=False)
    assert access.viewer_remedies() == ["centering", "lir:1", "shift:0.5,source=en"]
    monkeypatch.setenv("HBL_VIEWER_REMEDIES", "none LIR:2  shift:0.5,source=de centering,fit=train")
    assert access.viewer_remedies() == ["lir:2", "shift:0.5,source=de", "centering,fit=train"]
    monkeypatch.setenv("HBL_VIEWER_REMEDIES", "lir:0.5")
    with pytest.raises(access.AccessConfigError, match=r"HBL_VIEWER_REMEDIES: debias 'lir:0\.5'"):
        access.viewer_remedies()
