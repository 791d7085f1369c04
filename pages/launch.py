"""Launch runs: a form -> validated training configurations -> background jobs (or one background sweep); live
progress, logs, cancel, resume."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

import ui
from hybrid_core import jobs, runs, sweep
from ui import cache
from ui.state import PageState, Param

MODELS = {"e5-small": "e5-small (embedded default)", "e5-small-cut": "e5-small-cut (2 layers, plumbing tests only)",
          ui.PATH_CHOICE: "a model folder, run folder or hub id…"}
CANDIDATES = {"sentence": "sentence only (fast)", "sentence+context": "sentence + paragraph (LAReQA, ~4x slower)"}
state = PageState("launch", Param("run", ""), Param("sweep", ""))


def launch_form() -> None:
    """The form; on submit, the grid is validated and launched as one background sweep job (queued when the job
    limit is reached), or the reason is shown. Steps, batch size and grid size have the limits of
    :class:`hybrid_core.access.Limits`."""
    from hybrid_core.access import limits

    limit = limits()
    with st.form("launch-form"):
        left, middle, right = st.columns(3)
        model = left.selectbox("Model", list(MODELS), format_func=ui.label_of(MODELS), key="launch-model")
        model_path = left.text_input("Model folder / hub id", key="launch-model-path",
                                     help="Used when the model is 'a model folder, run folder or hub id…'.")
        data = middle.selectbox("Training data", ui.data_options(), key="launch-data")
        data_path = middle.text_input("Training data path", key="launch-data-path",
                                      help="A dataset folder or file in any supported format (LAReQA, SQuAD, MIRACL, "
                                           "JSONL), used when the training data is 'a path…'.")
        evaluation = right.selectbox("Evaluation data", ui.data_options(none="none"), index=1, key="launch-eval")
        eval_path = right.text_input("Evaluation data path", key="launch-eval-path")
        cols = st.columns(5)
        alphas = cols[0].text_input("α (values or schedules)", "0.5", key="launch-alpha",
                                    help="Share of monolingual batches in [0, 1]; '0, 0.5, 1' launches one run per "
                                         "value (one after another); schedules vary α over training: linear:0-1, "
                                         f"step:0-1@0.5, cosine:1-0, points:0@0,1@0.5. At most {limit.grid_points} "
                                         "α × seed points per launch (HBL_MAX_GRID_POINTS).")
        seeds = cols[1].text_input("Seeds", "1", key="launch-seeds", help="One or several, e.g. '1 2 3'.")
        steps = cols[2].number_input("Steps", 1, limit.steps, min(50, limit.steps), key="launch-steps",
                                     help=f"Training steps per run; at most {limit.steps:,} (HBL_MAX_STEPS).")
        batch = cols[3].number_input("Batch size", 2, max(2, limit.batch_size), min(16, max(2, limit.batch_size)),
                                     key="launch-batch",
                                     help=f"Pairs per batch; at most {limit.batch_size:,} (HBL_MAX_BATCH_SIZE).")
        rate = cols[4].number_input("Learning rate", 1e-7, 1e-2, 2e-5, format="%.1e", key="launch-lr")
        cols = st.columns(5)
        freeze = cols[0].checkbox("Freeze embeddings", True, key="launch-freeze",
                                  help="Freeze the word-embedding matrix: spares the optimizer its 96M parameters "
                                       "(faster steps on CPU).")
        dtype = cols[1].selectbox("Precision", ["fp32", "bf16"], key="launch-dtype")
        cols[2].empty()
        text = cols[3].selectbox("Candidates", list(CANDIDATES), format_func=ui.label_of(CANDIDATES),
                                 key="launch-candidates")
        untuned = cols[4].checkbox("Untuned reference", True, key="launch-untuned",
                                   help="Also evaluate the untuned model: the reference for difference heatmaps "
                                        "(once per model and data).")
        cols = st.columns([2, 1], vertical_alignment="bottom")
        sweep_name = cols[0].text_input("Sweep name (optional)", key="launch-sweep-name",
                                        placeholder="default: launch-<date>-<time>",
                                        help="Folder under <workspace>/sweeps. An existing sweep with the same "
                                             "training settings is resumed (and grown by new α values or seeds).")
        submitted = cols[1].form_submit_button("Launch", type="primary", icon=":material/rocket_launch:",
                                               help="The grid as one background sweep job (python -m hybrid_core "
                                                    "sweep run): each point trained, then evaluated; resumable, and "
                                                    "it survives page reloads and dashboard restarts. Jobs beyond "
                                                    "the concurrency limit wait in a durable queue.")
    if not submitted:
        return

    def train() -> dict:
        """The training settings every run or point shares (raises on a bad model or data path)."""
        return {"model": ui.model_source(model, model_path),
                "data": ui.data_path(data, data_path, what="training data"), "max_steps": int(steps),
                "batch_size": int(batch), "learning_rate": float(rate), "freeze_word_embeddings": freeze,
                "dtype": dtype}

    with ui.messages("Not launched"):
        target = None if evaluation == "none" else ui.data_path(evaluation, eval_path, what="evaluation data")
        config = ui.sweep_config(name=sweep_name, alphas=alphas, seeds=seeds, evaluation=target,
                                 candidate_text=text, untuned=untuned, pending=cache.pending_runs(), **train())
        folder, job = jobs.launch_sweep(config)
        state.set("sweep", config.name)
        st.success(f"Sweep {config.name}: {len(config.points())} point(s), each trained, then evaluated, as background "
                   f"job {job.id} ({job.state}); follow it under Sweeps below (log: {folder / sweep.LOG_FILE}).",
                   icon=":material/check:")


@st.fragment(run_every=2)
def monitor() -> None:
    """Live view of jobs and runs (re-read every 2 s from status.json; never blocks the page)."""
    with ui.messages("Cannot read the runs"):
        runs_panel()


def runs_panel() -> None:
    """Active jobs, the runs table and the inspected run."""
    recent = cache.recent_jobs(5)
    for job in [j for j in recent if j.active] or recent[:1]:
        with st.container(border=True):
            ui.show_job(job)
    cache.run_table.clear()
    table = cache.run_table()
    if table.empty:
        ui.empty_state("No runs yet: fill in the form above, or start the demo on the Home page.",
                       page="pages/home.py", label="Home")
        return
    shown = table.assign(progress=[ui.progress_share(r) for _, r in table.iterrows()])
    st.dataframe(shown[["name", "state", "progress", "step", "total", "alpha", "seed", "loss", "model", "data",
                        "evaluated"]], hide_index=True, width="stretch",
                 column_config={"progress": st.column_config.ProgressColumn("progress", min_value=0, max_value=1)})
    run = state.selectbox("Inspect run", list(table["name"]), "run")
    inspect_run(table[table["name"] == run].iloc[0].to_dict())


def inspect_run(row: dict) -> None:
    """One run: progress, failure message, cancel / evaluate, logs."""
    status = runs.read_status(row["path"])
    st.progress(ui.progress_share(status), text=f"{ui.STATE_ICONS.get(status['state'], '')} {status['state']} · "
                                                f"{ui.status_line(status)}")
    if status["state"] == "failed":
        st.error(f"The run failed: {status.get('error') or 'no message recorded'}", icon=":material/error:")
    elif status["state"] == "cancelled":
        st.warning(status.get("error") or "cancelled", icon=":material/stop_circle:")
    left, right = st.columns(2)
    job = jobs.job_for_target(row["path"])
    if job is not None:
        left.button("Cancel run", on_click=ui.cancel_job, args=(job.id,), icon=":material/stop_circle:",
                    key=f"cancel-{row['name']}")
    if status["state"] == "finished" and not row.get("evaluated"):
        choice = st.session_state.get("launch-eval", "demo")
        data = "demo" if choice in (None, "none", ui.PATH_CHOICE) else choice
        right.button(f"Evaluate on {data}", icon=":material/calculate:", key=f"evaluate-{row['name']}",
                     on_click=lambda: cache.evaluate_in_background(row["path"], data),
                     help="In the background, with sentence candidates (the evaluation data chosen in the form).")
    with st.expander("Logs", expanded=status["state"] == "failed"):
        for name in (runs.LOG_FILE, runs.PROCESS_LOG):
            text = ui.tail(Path(row["path"]) / name)
            if text:
                st.caption(name)
                st.code(text, language=None)


@st.fragment(run_every=2)
def sweep_monitor() -> None:
    """Live view of the workspace's sweeps (re-read every 2 s from their folders)."""
    with ui.messages("Cannot read the sweeps"):
        sweeps_panel()


def sweeps_panel() -> None:
    """The sweeps table and the inspected sweep (progress, cancel / resume, log)."""
    cache.sweep_table.clear()
    table = cache.sweep_table()
    if table.empty:
        st.caption("No sweeps yet: fill in the form above and launch the grid as a sweep, or run "
                   "`python -m hybrid_core sweep launch NAME ...`.")
        return
    st.dataframe(table, hide_index=True, width="stretch")
    name = state.selectbox("Inspect sweep", list(table["sweep"]), "sweep")
    ui.show_sweep(name)


def main() -> None:
    if ui.viewer():  # not in the viewer's navigation; this guards the page when it is run on its own
        ui.page_start("Launch runs", "Not available in this read-only view.")
        st.error("This dashboard is a read-only viewer (HBL_MODE=viewer): nothing can be launched or cancelled here.",
                 icon=":material/block:")
        return
    ui.page_start("Launch runs", "Train with hybrid batches in the background; runs survive page reloads and closed "
                             "browsers, a grid launched as a sweep also survives dashboard restarts. Progress is read "
                             "from the run and sweep folders.")
    state.sync()
    launch_form()
    st.subheader("Sweeps")
    sweep_monitor()
    st.subheader("Jobs and runs")
    monitor()
    state.show_problems()


if __name__ == "__main__":
    main()
