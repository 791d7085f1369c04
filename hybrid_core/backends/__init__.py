"""Inference backends behind one :class:`~hybrid_core.encoders.Encoder` interface.

``get_encoder(spec, backend=...)`` turns a model spec (see :mod:`hybrid_core.models`) into an encoder.
Every backend adds the model's query/passage prefixes, batches texts by token count and returns
L2-normalised float32 embeddings in input order; its ``identity`` names the model, the max length and the
backend (and the calibration set for int8-static), so embedding caches never mix backends.

Choosing ``backend="auto"`` (the default): the fastest backend whose metric differences from torch fp32
stay below :data:`MAX_METRIC_DIFFERENCE` (0.005 mAP@20 / R@1 in every setting). The differences come from
data: ``benchmarks/encode_throughput.py --quality`` measures them on full XQuAD-R and records them in
``cache_dir()/backends/quality.json`` per model identity. A model with no record of its own uses the
record of the embedded default model shipped in :data:`EMBEDDED_QUALITY` (measured with that benchmark).
Backends are tried fastest first (:data:`SPEED_ORDER`); on a GPU, or without ``openvino``, auto is torch.
For numbers that will be reported, pass ``backend="torch"`` (fp32, the reference).
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hybrid_core.atomic import write_json
from hybrid_core.backends.openvino_backend import RuntimeConfig, backends_root, default_runtime, load_openvino_encoder
from hybrid_core.backends.torch_backend import load_torch_encoder
from hybrid_core.encoders import Encoder
from hybrid_core.models import resolve_device, resolve_model

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

    from hybrid_core.backends.calibration import CalibrationSet

logger = logging.getLogger(__name__)

#: Backend name -> one-line description.
BACKENDS: dict[str, str] = {
    "torch": "PyTorch fp32 through sentence-transformers' modules, batches sorted by token count (the reference)",
    "openvino-fp32": "OpenVINO fp32 graph exported from torch (pooling and normalisation inside), f32 precision",
    "openvino-int8-wo": "OpenVINO with int8 weights (NNCF weight compression), f32 activations",
    "openvino-int8-static": "OpenVINO with int8 weights and activations (NNCF, calibrated on training-language texts)",
}

#: Aliases accepted by :func:`get_encoder`.
ALIASES: dict[str, str] = {"torch-fp32": "torch", "fp32": "torch", "openvino": "openvino-fp32",
                           "int8-wo": "openvino-int8-wo", "int8-static": "openvino-int8-static",
                           "int8": "openvino-int8-static"}

#: Backends fastest first, as measured on a 2-core CPU (benchmarks/encode_throughput.py).
SPEED_ORDER: tuple[str, ...] = ("openvino-int8-static", "openvino-int8-wo", "openvino-fp32", "torch")

#: Largest |metric difference| from torch fp32 that ``auto`` accepts.
MAX_METRIC_DIFFERENCE = 0.005

#: Largest |difference| from torch fp32 of any reported metric, per backend, for the embedded e5-small on full
#: XQuAD-R (mono / cross / multi mAP@20 and R@1, sentence candidates), measured by
#: ``benchmarks/encode_throughput.py --quality`` (2026-11-25; int8 static: multilingual mAP@20 -0.0045).
EMBEDDED_QUALITY: dict[str, float] = {
    "torch": 0.0,
    "openvino-fp32": 0.000003,
    "openvino-int8-wo": 0.0007,
    "openvino-int8-static": 0.0045,
}

QUALITY_FILE = "quality.json"


def resolve_backend(backend: str) -> str:
    """The canonical name for ``backend`` (``"auto"`` stays ``"auto"``).

    Raises:
        ValueError: an unknown name (the message lists the valid ones).
    """
    name = ALIASES.get(backend, backend)
    if name != "auto" and name not in BACKENDS:
        raise ValueError(f"unknown backend {backend!r}; expected 'auto' or one of {sorted(BACKENDS)}"
                         f" (aliases: {sorted(ALIASES)})")
    return name


def quality_path(root: Path | None = None) -> Path:
    """``cache_dir()/backends/quality.json``: measured metric differences per model identity and backend."""

    return backends_root(root) / QUALITY_FILE


def read_quality(root: Path | None = None) -> dict[str, dict[str, Any]]:
    """All recorded quality checks: ``{model identity: {backend: record}}`` (empty when none or unreadable)."""
    path = quality_path(root)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, json.JSONDecodeError) as exc:
        logger.warning("ignoring unreadable backend quality file %s: %s", path, exc)
        return {}


def record_quality(model_identity: str, backend: str, differences: dict[str, float], *, dataset: str,
                   root: Path | None = None) -> dict[str, Any]:
    """Record the metric differences of ``backend`` from torch fp32 for a model (read by ``auto``).

    Args:
        model_identity: :attr:`hybrid_core.models.ResolvedModel.identity` of the model.
        backend: a name from :data:`BACKENDS`.
        differences: metric name (``"multilingual/AP@20"``) -> backend value minus torch value.
        dataset: what was evaluated (``"xquad-r"``).

    Returns:
        The record written (with ``max_abs_difference`` and ``passed``).
    """

    backend = resolve_backend(backend)
    worst = max((abs(v) for v in differences.values()), default=0.0)
    record = {"differences": {k: float(v) for k, v in differences.items()}, "max_abs_difference": float(worst),
              "passed": bool(worst < MAX_METRIC_DIFFERENCE), "threshold": MAX_METRIC_DIFFERENCE, "dataset": dataset,
              "measured": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
    records = read_quality(root)
    records.setdefault(model_identity, {})[backend] = record
    write_json(quality_path(root), records)
    return record


def _openvino_available() -> bool:
    try:
        import nncf  # noqa: F401
        import openvino  # noqa: F401
    except ImportError:
        return False
    return True


def choose_backend(model_identity: str | None = None, *, device: str = "auto", root: Path | None = None) -> str:
    """The backend ``auto`` picks for a model: fastest first among those whose differences stay below the threshold.

    Uses the model's own record in ``quality.json`` when there is one, else :data:`EMBEDDED_QUALITY`.
    """

    if resolve_device(device) != "cpu" or not _openvino_available():
        return "torch"
    recorded = read_quality(root).get(model_identity or "", {})
    for name in SPEED_ORDER:
        if name in recorded:
            if recorded[name].get("passed"):
                return name
        elif not recorded and EMBEDDED_QUALITY.get(name, 1.0) < MAX_METRIC_DIFFERENCE:
            return name
    return "torch"


def get_encoder(spec: str | Path | SentenceTransformer = "e5-small", *, backend: str = "auto", device: str = "auto",
                max_seq_length: int | None = None, calibration: Sequence[str] | CalibrationSet | None = None,
                cache_root: Path | None = None, num_streams: int | None = None,
                num_threads: int | None = None) -> Encoder:
    """An encoder for a model spec on the chosen backend.

    Args:
        spec: ``"e5-small"`` (embedded default), ``"e5-small-cut"``, a model or run folder, a hub id, or
            (torch only) an already loaded ``SentenceTransformer`` (``max_seq_length`` then changes it in place).
        backend: ``"auto"`` (see the module docstring) or one of :data:`BACKENDS` / :data:`ALIASES`.
        device: ``"auto"``, ``"cpu"``, ``"cuda"``, ... (OpenVINO backends run on the CPU only).
        max_seq_length: truncate inputs to this many tokens (default: the model's own).
        calibration: int8-static only: calibration texts (default: the demo training split).
        cache_root: where exported OpenVINO models live (default ``cache_dir()/backends``).
        num_streams, num_threads: OpenVINO only: inference streams and CPU threads (defaults tuned for 2 cores).

    Raises:
        ValueError: an unknown backend or device, or an OpenVINO backend on a GPU device or with a loaded model.
        hybrid_core.models.ModelNotAvailableError: the spec cannot be resolved.

    Example:
        >>> encoder = get_encoder("e5-small-cut", backend="torch")  # doctest: +SKIP
        >>> encoder.encode(["Wo liegt Berlin?"], role="query").shape  # doctest: +SKIP
        (1, 384)
    """

    name = resolve_backend(backend)
    is_loaded_model = not isinstance(spec, (str, Path))
    if name == "auto":
        name = "torch" if is_loaded_model else choose_backend(resolve_model(spec).identity, device=device,
                                                              root=cache_root)
        logger.info("backend 'auto' -> %s", name)
    if name == "torch":

        return load_torch_encoder(spec, device=device, max_seq_length=max_seq_length)
    if is_loaded_model:
        raise ValueError(f"backend {name!r} exports a model from its folder: pass a model spec, not a loaded model")
    if resolve_device(device) != "cpu":
        raise ValueError(f"backend {name!r} runs on the CPU only, not on {device!r}; use backend='torch' there")

    runtime = default_runtime()
    if num_streams is not None or num_threads is not None:
        runtime = RuntimeConfig(num_streams=num_streams or runtime.num_streams,
                                num_threads=num_threads if num_threads is not None else runtime.num_threads)
    return load_openvino_encoder(spec, name.removeprefix("openvino-"), max_seq_length=max_seq_length,
                                 calibration=calibration, root=cache_root, runtime=runtime)


__all__ = ["ALIASES", "BACKENDS", "EMBEDDED_QUALITY", "MAX_METRIC_DIFFERENCE", "SPEED_ORDER", "choose_backend",
           "get_encoder", "read_quality", "record_quality", "resolve_backend"]
