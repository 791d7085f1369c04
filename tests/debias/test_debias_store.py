"""The statistics cache: round trip, and every kind of damage detected (then recomputed by fit_remedy)."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pytest

from hybrid_core.debias.base import Statistics
from hybrid_core.debias.store import load_statistics, save_statistics, statistics_path

KEY = {"encoder": "toy", "method": "shift", "fit": "train", "source": "en", "candidate_text": "sentence",
       "data": "toy@0123456789abcdef"}
STATS = Statistics(("de", "ru"), np.arange(8, dtype=np.float32).reshape(2, 4), unchanged=("en",), counts=(3, 5))


def test_round_trip(tmp_path: Path) -> None:
    path = save_statistics(KEY, STATS, root=tmp_path)
    assert path == statistics_path(KEY, root=tmp_path) and path.suffix == ".npz"
    loaded = load_statistics(KEY, root=tmp_path)
    assert loaded is not None
    assert (loaded.languages, loaded.unchanged, loaded.counts) == (("de", "ru"), ("en",), (3, 5))
    np.testing.assert_array_equal(loaded.table, STATS.table)
    assert load_statistics({**KEY, "source": "de"}, root=tmp_path) is None  # another key, another file
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary files left


def _damage_truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:50])


def _damage_garbage(path: Path) -> None:
    path.write_bytes(b"not a numpy file")


def _damage_other_key(path: Path) -> None:
    save_statistics({**KEY, "data": "other"}, STATS, root=path.parent)
    statistics_path({**KEY, "data": "other"}, root=path.parent).replace(path)


def _damage_nan(path: Path) -> None:
    bad = Statistics(STATS.languages, np.full((2, 4), np.nan, dtype=np.float32), STATS.unchanged, STATS.counts)
    save_statistics(KEY, bad, root=path.parent)


def _damage_missing_field(path: Path) -> None:
    with open(path, "wb") as handle:
        np.savez(handle, key=np.array("x"), table=STATS.table)


@pytest.mark.parametrize("damage", [_damage_truncate, _damage_garbage, _damage_other_key, _damage_nan,
                                    _damage_missing_field])
def test_damaged_files_are_detected(tmp_path: Path, damage, caplog: pytest.LogCaptureFixture) -> None:
    path = save_statistics(KEY, STATS, root=tmp_path)
    damage(path)
    with caplog.at_level(logging.WARNING):
        assert load_statistics(KEY, root=tmp_path) is None
    assert "are damaged" in caplog.text and "recomputing" in caplog.text


def test_a_damaged_file_is_recomputed_by_the_fit(tmp_path: Path) -> None:
    from hybrid_core.debias import fit_remedy

    emb = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]], dtype=np.float32)
    first = fit_remedy("centering", candidate_embeddings=emb, candidate_languages=["de", "de", "en"],
                       cache_root=tmp_path)
    (path,) = tmp_path.glob("*.npz")
    path.write_bytes(b"garbage")
    again = fit_remedy("centering", candidate_embeddings=emb, candidate_languages=["de", "de", "en"],
                       cache_root=tmp_path)
    np.testing.assert_array_equal(again.statistics.table, first.statistics.table)
    with np.load(path) as data:  # the file was rewritten, valid again
        np.testing.assert_array_equal(data["table"], first.statistics.table)
