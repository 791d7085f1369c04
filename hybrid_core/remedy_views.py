"""Remedies in the dashboard's results views (no Streamlit here): which remedies a results table holds, one
remedy's rows, and before ("none") / after (a remedy) tables side by side with their difference.

A remedy is the pair of results columns ``debias`` (its spelling, :mod:`hybrid_core.debias`) and ``debias_fit``
(where its statistics came from): rows of two pairs never enter one mean, one heatmap cell or one curve point. Views
pick one pair with :func:`select_remedy` before any pivot; :func:`check_one_remedy` (of :mod:`hybrid_core.results`)
guards the pure functions that must not mix them (:func:`hybrid_core.analysis.alpha_curve_table`).

- :func:`remedy_choices`: label -> (debias, debias_fit), ``none`` first; the label is the spelling
  (``centering``, ``shift:0.5,source=en``), with `` · <fit>`` only when one spelling was fitted on several data.
- :func:`before_after_table`: one run's rows under ``none`` and under a remedy, renamed ``"<run> · none"`` and
  ``"<run> · <remedy>"``, so every pivot and difference of :mod:`hybrid_core.figures` draws them unchanged.
- :func:`before_after_means`, :func:`curve_differences`: mono / cross / multi and curve points before, after and
  the difference.

Example:
    >>> import pandas as pd
    >>> from hybrid_core.results import make_rows
    >>> rows = [{"debias": d, "debias_fit": f, "value": v} for d, f, v in
    ...         (("none", "", 0.5), ("centering", "index", 0.6))]
    >>> table = make_rows(rows, run="r", model="m", alpha=0.0, seed=1, dataset="demo", setting="monolingual",
    ...                   query_lang="en", doc_lang="en", metric="AP@20")
    >>> list(remedy_choices(table))
    ['none', 'centering']
    >>> before_after_means(table, metric="AP@20", run="r", remedy=remedy_choices(table)["centering"]).round(2)
           setting  before  after  difference
    0  monolingual     0.5    0.6         0.1
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from hybrid_core.results import (  # noqa: F401  (check_one_remedy, NO_REMEDY: re-exported here)
    NO_REMEDY,
    REMEDY_COLUMNS,
    SETTINGS,
    aggregated,
    check_one_remedy,
    setting_means,
    validate_results,
)
from hybrid_core.views import MEAN_MODEL

NONE = NO_REMEDY[0]

Remedy = tuple[str, str]


def remedies_in(frame: pd.DataFrame) -> list[Remedy]:
    """The distinct (debias, debias_fit) pairs of ``frame``, ``none`` first, then by spelling."""
    if frame.empty:
        return []
    pairs = frame[list(REMEDY_COLUMNS)].drop_duplicates()
    found = {(str(d), str(f)) for d, f in zip(pairs["debias"], pairs["debias_fit"])}
    return sorted(found, key=lambda p: (p[0] != NONE, p[0], p[1]))


def remedy_choices(frame: pd.DataFrame) -> dict[str, Remedy]:
    """Label -> (debias, debias_fit) of every remedy in ``frame``, ``none`` first.

    The label is the remedy's spelling; a spelling with several fits (``shift:0.5,source=en`` estimated on two
    datasets) gets `` · <fit>`` for each, so no two remedies share a label.
    """
    pairs = remedies_in(frame)
    spellings = [d for d, _ in pairs]
    return {(d if spellings.count(d) == 1 else f"{d} · {f or '-'}"): (d, f) for d, f in pairs}


def select_remedy(frame: pd.DataFrame, remedy: Remedy | str) -> pd.DataFrame:
    """The rows of one remedy: a (debias, debias_fit) pair, or a spelling when only one fit of it is in ``frame``.

    Raises:
        ValueError: a spelling with several fits in ``frame`` (pass the pair).
    """
    if isinstance(remedy, str):
        fits = sorted(set(frame.loc[frame["debias"] == remedy, "debias_fit"]))
        if len(fits) > 1:
            raise ValueError(f"remedy {remedy!r} was fitted on several data ({', '.join(fits)}); choose one")
        remedy = (remedy, fits[0] if fits else "")
    return frame[(frame["debias"] == remedy[0]) & (frame["debias_fit"] == remedy[1])]


def remedy_name(remedy: Remedy) -> str:
    """``"centering"``, ``"shift:0.5,source=en"``: the spelling, as run names and titles show it."""
    return remedy[0]


def counterpart(before: pd.DataFrame, after: pd.DataFrame, run: str) -> str | None:
    """The run of ``before`` (``none``'s rows) that ``run`` of ``after`` (a remedy's rows) is compared with: the same
    run, or for a seed mean the seed mean of the same α schedule (its seeds may differ in number); None when there
    is none."""
    runs = set(before["run"].unique())
    if run in runs:
        return run
    info = after[after["run"] == run]
    if info.empty:
        return None
    first = info.iloc[0]
    if first["model"] != MEAN_MODEL:
        return None
    same = before[(before["model"] == MEAN_MODEL) & (before["schedule"] == first["schedule"])
                  & (before["alpha"] == first["alpha"])]
    names = sorted(same["run"].unique())
    return names[0] if names else None


def before_after_table(frame: pd.DataFrame, *, run: str, remedy: Remedy,
                       before_run: str | None = None) -> tuple[pd.DataFrame, str, str]:
    """One run's rows without a remedy and with ``remedy``, as two runs of one table.

    Args:
        frame: results of one evaluation (every remedy).
        run: the run (or seed mean) under ``remedy``.
        remedy: the (debias, debias_fit) pair applied after.
        before_run: the run without a remedy (default: :func:`counterpart`).

    Returns:
        ``(table, after, before)``: the rows renamed ``"<run> · <remedy>"`` (after) and ``"<run> · none"``
        (before), and those two names.

    Raises:
        ValueError: no rows of the run under the remedy, or no rows without a remedy to compare with.
    """
    after_rows = select_remedy(frame, remedy)
    before_rows = select_remedy(frame, NO_REMEDY)
    after_rows = after_rows[after_rows["run"] == run]
    if after_rows.empty:
        raise ValueError(f"run {run!r} has no results with remedy {remedy_name(remedy)}")
    before_run = before_run or counterpart(before_rows, select_remedy(frame, remedy), run)
    before_rows = before_rows[before_rows["run"] == before_run] if before_run else before_rows.iloc[:0]
    if before_rows.empty:
        raise ValueError(f"run {run!r} has no results without a remedy (debias none) to compare "
                         f"{remedy_name(remedy)} with")
    after_name, before_name = f"{run} · {remedy_name(remedy)}", f"{before_run} · {NONE}"
    table = pd.concat([after_rows.assign(run=after_name), before_rows.assign(run=before_name)], ignore_index=True)
    return validate_results(table), after_name, before_name


def before_after_means(frame: pd.DataFrame, *, metric: str, run: str, remedy: Remedy,
                       dataset: str | None = None) -> pd.DataFrame:
    """Mono / cross / multi of ``run`` without a remedy (``before``) and with ``remedy`` (``after``), and
    ``difference = after − before``; settings without rows on both sides are left out.

    Raises:
        ValueError: as :func:`before_after_table`.
    """
    if dataset is not None:
        frame = frame[frame["dataset"] == dataset]
    table, after, before = before_after_table(aggregated(frame), run=run, remedy=remedy)
    values_after = setting_means(table, metric=metric, run=after)
    values_before = setting_means(table, metric=metric, run=before)
    rows = [{"setting": s, "before": values_before[s], "after": values_after[s],
             "difference": values_after[s] - values_before[s]}
            for s in SETTINGS if s in values_after and s in values_before]
    return pd.DataFrame(rows, columns=["setting", "before", "after", "difference"])


def curve_differences(before: pd.DataFrame, after: pd.DataFrame, *,
                      keys: Sequence[str] = ("setting", "alpha")) -> pd.DataFrame:
    """Curve points (:func:`hybrid_core.analysis.alpha_curve_table`) without and with a remedy, joined on
    ``keys``: ``before, after, difference`` (after − before) and each side's runs; only points on both sides."""
    left = before[[*keys, "mean", "n_runs"]].rename(columns={"mean": "before", "n_runs": "runs before"})
    right = after[[*keys, "mean", "n_runs"]].rename(columns={"mean": "after", "n_runs": "runs after"})
    joined = left.merge(right, on=list(keys), how="inner")
    joined["difference"] = joined["after"] - joined["before"]
    return joined[[*keys, "before", "after", "difference", "runs before", "runs after"]].reset_index(drop=True)
