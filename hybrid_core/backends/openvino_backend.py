"""OpenVINO backends: the encoder exported once per model, optionally int8-quantised, cached, run on CPU.

The sentence-transformers model (transformer, pooling, normalisation) is converted in one graph with
``openvino.convert_model`` straight from the torch module, with dynamic batch and sequence axes
(sentence-transformers' own ``backend="openvino"`` needs ``optimum``, which pins an older
transformers). Variants:

- ``fp32``: the exported graph as is;
- ``int8-wo``: int8 weights (``nncf.compress_weights``, asymmetric per channel), activations in f32;
- ``int8-static``: weights and activations in int8 (``nncf.quantize`` with ``ModelType.TRANSFORMER``),
  calibrated on ~300 training-language texts (:mod:`hybrid_core.backends.calibration`).

Each variant lives in ``cache_dir()/backends/<model identity>/<variant>/`` (``int8-static-<digest>`` for
static, named after its calibration set), built in a temporary folder and renamed into place under a
lock (:func:`hybrid_core.embedded.build_atomically`); ``hbl_backend.json`` records the model, variant,
versions and calibration source. The inference precision hint is always ``f32``: OpenVINO's default on
CPUs with bf16 support is bf16, which is both slower here and less exact.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import threading
import time
import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from hybrid_core.backends.batching import Batch, TokenBatchedEncoder, tokenize
from hybrid_core.backends.calibration import CalibrationSet, resolve_calibration
from hybrid_core.embedded import build_atomically
from hybrid_core.models import load_model, resolve_model
from hybrid_core.paths import cache_dir, check_name

logger = logging.getLogger(__name__)

#: Bump when the export changes in a way that changes the graphs (forces a rebuild of every cache).
EXPORT_VERSION = 1
META = "hbl_backend.json"
MODEL_XML = "model.xml"
TOKENIZER_DIR = "tokenizer"
VARIANTS: dict[str, str] = {
    "fp32": "OpenVINO fp32 (graph exported from torch, f32 inference precision)",
    "int8-wo": "OpenVINO int8 weight-only (NNCF compress_weights), f32 activations",
    "int8-static": "OpenVINO int8 weights and activations (NNCF quantize, calibrated on training-language texts)",
}


def backends_root(root: Path | None = None) -> Path:
    """``cache_dir()/backends`` unless ``root`` is given."""

    return Path(root) if root is not None else cache_dir() / "backends"


@dataclass(frozen=True)
class RuntimeConfig:
    """How the compiled model runs.

    Attributes:
        num_streams: parallel inference streams (each runs its own batch).
        num_threads: CPU threads in total (0: OpenVINO decides).
        num_requests: batches in flight in the async queue (default: one per stream).
    """

    num_streams: int = 1
    num_threads: int = 0
    num_requests: int = 0

    def __post_init__(self) -> None:
        for name in ("num_streams", "num_threads", "num_requests"):
            value = getattr(self, name)
            if not isinstance(value, int) or value < 0 or (name == "num_streams" and value < 1):
                kind = "positive" if name == "num_streams" else "non-negative"
                raise ValueError(f"RuntimeConfig.{name} must be a {kind} integer, got {value!r}")

    def properties(self) -> dict[str, Any]:
        """The ``compile_model`` properties (precision hint f32 always)."""
        props: dict[str, Any] = {"INFERENCE_PRECISION_HINT": "f32", "NUM_STREAMS": str(self.num_streams)}
        if self.num_threads:
            props["INFERENCE_NUM_THREADS"] = self.num_threads
        return props


def default_runtime() -> RuntimeConfig:
    """Two inference streams sharing the CPU threads, two batches in flight.

    On the 2-core machine, two streams (one thread each) beat one 2-thread stream on short inputs
    (queries: the per-op work is too small to split well across threads) and match it on long ones, and
    they degrade more gracefully when other processes share the cores.
    """
    return RuntimeConfig(num_streams=2 if (os.cpu_count() or 1) >= 2 else 1)


# ----- export -----------------------------------------------------------------------------------------------
def _embedder(model):
    """A torch module ``(input_ids, attention_mask) -> normalised embedding`` over a sentence-transformers model."""
    import torch

    class Embedder(torch.nn.Module):
        def __init__(self, st_model) -> None:
            super().__init__()
            self.st_model = st_model

        def forward(self, input_ids, attention_mask):
            out = self.st_model({"input_ids": input_ids, "attention_mask": attention_mask})["sentence_embedding"]
            return torch.nn.functional.normalize(out, p=2, dim=1)

    return Embedder(model).eval()


def _check_exportable(model) -> None:
    for module in model:
        if getattr(module, "include_prompt", True) is False:
            raise ValueError(f"model pooling {type(module).__name__} excludes prompt tokens, which the OpenVINO export "
                             "does not support; use backend='torch'")


def _write_meta(folder: Path, meta: dict) -> None:
    (folder / META).write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def read_meta(folder: Path) -> dict:
    """The ``hbl_backend.json`` of a cached variant."""
    return json.loads((folder / META).read_text(encoding="utf-8"))


def _export_fp32(tmp: Path, spec: str | Path, model_identity: str) -> None:
    """Convert the model into ``tmp/model.xml`` (f32 weights) and save its tokenizer and metadata."""
    import openvino as ov
    import torch


    started = time.perf_counter()
    logger.info("exporting %s to OpenVINO (once per model)", model_identity)
    model = load_model(spec, device="cpu")
    _check_exportable(model)
    embedder = _embedder(model)
    # The example has padding, so the trace keeps the attention mask (an all-ones mask may be optimised away).
    example = {"input_ids": torch.tensor([[0, 10, 11, 2], [0, 12, 2, 1]], dtype=torch.long),
               "attention_mask": torch.tensor([[1, 1, 1, 1], [1, 1, 1, 0]], dtype=torch.long)}
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore", torch.jit.TracerWarning)  # shape checks traced as constants: expected here
        ov_model = ov.convert_model(embedder, example_input=example,
                                    input=[("input_ids", [-1, -1], ov.Type.i64),
                                           ("attention_mask", [-1, -1], ov.Type.i64)])
    ov_model.outputs[0].get_tensor().set_names({"sentence_embedding"})
    ov.save_model(ov_model, tmp / MODEL_XML, compress_to_fp16=False)
    model.tokenizer.save_pretrained(str(tmp / TOKENIZER_DIR))
    dimension = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
    _write_meta(tmp, {"variant": "fp32", "model_identity": model_identity, "spec": str(spec),
                      "prompts": {role: (model.prompts or {}).get(role, "") for role in ("query", "passage")},
                      "max_seq_length": int(model.max_seq_length), "dimension": int(dimension()),
                      "openvino": ov.__version__, "torch": torch.__version__,
                      "build_seconds": round(time.perf_counter() - started, 1)})


def _copy_side_files(source: Path, tmp: Path) -> dict:
    shutil.copytree(source / TOKENIZER_DIR, tmp / TOKENIZER_DIR)
    return read_meta(source)


def _compress_weights(tmp: Path, fp32_dir: Path) -> None:
    """int8 weight-only compression of the fp32 graph."""
    import nncf
    import openvino as ov

    started = time.perf_counter()
    ov_model = ov.Core().read_model(fp32_dir / MODEL_XML)
    compressed = nncf.compress_weights(ov_model, mode=nncf.CompressWeightsMode.INT8_ASYM)
    ov.save_model(compressed, tmp / MODEL_XML, compress_to_fp16=False)
    meta = _copy_side_files(fp32_dir, tmp)
    _write_meta(tmp, {**meta, "variant": "int8-wo", "nncf": nncf.__version__, "compression": "INT8_ASYM",
                      "build_seconds": round(time.perf_counter() - started, 1)})


def _quantize_static(tmp: Path, fp32_dir: Path, calibration: CalibrationSet) -> None:
    """Static int8 quantisation of the fp32 graph, calibrated on ``calibration`` (one text per sample)."""
    import nncf
    import openvino as ov
    from transformers import AutoTokenizer

    started = time.perf_counter()
    logger.info("int8 static quantisation of %s on %d %s texts (once per model and calibration set)",
                fp32_dir.parent.name, len(calibration.texts), calibration.source)
    meta = read_meta(fp32_dir)
    tokenizer = AutoTokenizer.from_pretrained(str(fp32_dir / TOKENIZER_DIR))
    token_ids = tokenize(tokenizer, calibration.texts, prefix="", max_length=int(meta["max_seq_length"]))
    samples = [{"input_ids": np.asarray([ids], dtype=np.int64),
                "attention_mask": np.ones((1, len(ids)), dtype=np.int64)} for ids in token_ids]
    ov_model = ov.Core().read_model(fp32_dir / MODEL_XML)
    quantized = nncf.quantize(ov_model, nncf.Dataset(samples), model_type=nncf.ModelType.TRANSFORMER,
                              subset_size=len(samples))
    ov.save_model(quantized, tmp / MODEL_XML, compress_to_fp16=False)
    meta = _copy_side_files(fp32_dir, tmp)
    _write_meta(tmp, {**meta, "variant": "int8-static", "nncf": nncf.__version__,
                      "quantization": {"model_type": "TRANSFORMER", "subset_size": len(samples)},
                      "calibration": calibration.metadata(),
                      "build_seconds": round(time.perf_counter() - started, 1)})


def _fingerprint(model_identity: str, variant: str, **extra: Any) -> dict:
    import openvino as ov

    fingerprint = {"export_version": EXPORT_VERSION, "model_identity": model_identity, "variant": variant,
                   "openvino": ov.__version__, **extra}
    if variant != "fp32":
        import nncf

        fingerprint["nncf"] = nncf.__version__
    return fingerprint


def prepare_variant(spec: str | Path, variant: str, *, calibration: Sequence[str] | CalibrationSet | None = None,
                    root: Path | None = None) -> Path:
    """The cached folder of ``variant`` for a model spec, exporting / quantising it first if needed.

    Args:
        spec: a model spec (see :mod:`hybrid_core.models`).
        variant: ``"fp32"``, ``"int8-wo"`` or ``"int8-static"``.
        calibration: for ``int8-static``: texts (even positions get the query prefix, odd ones the passage
            prefix) or a :class:`CalibrationSet`; default: the demo training split.
        root: cache root (default ``cache_dir()/backends``).

    Raises:
        ValueError: unknown variant.
    """

    if variant not in VARIANTS:
        raise ValueError(f"unknown OpenVINO variant {variant!r}; expected one of {sorted(VARIANTS)}")
    model_identity = resolve_model(spec).identity
    folder = backends_root(root) / check_name(model_identity, what="model identity")
    folder.mkdir(parents=True, exist_ok=True)
    fp32_dir = build_atomically(folder / "fp32", _fingerprint(model_identity, "fp32"),
                                lambda tmp: _export_fp32(tmp, spec, model_identity))
    if variant == "fp32":
        return fp32_dir
    if variant == "int8-wo":
        return build_atomically(folder / "int8-wo", _fingerprint(model_identity, "int8-wo"),
                                lambda tmp: _compress_weights(tmp, fp32_dir))
    calibration = resolve_calibration(calibration, read_meta(fp32_dir)["prompts"])
    return build_atomically(folder / f"int8-static-{calibration.digest}",
                            _fingerprint(model_identity, "int8-static", calibration=calibration.digest),
                            lambda tmp: _quantize_static(tmp, fp32_dir, calibration))


# ----- inference --------------------------------------------------------------------------------------------
class OpenVINOEncoder(TokenBatchedEncoder):
    """An :class:`~hybrid_core.encoders.Encoder` running a cached OpenVINO variant on CPU.

    Args:
        folder: a folder made by :func:`prepare_variant`.
        max_seq_length: truncate inputs to this many tokens (default: the model's own).
        runtime: streams / threads of the compiled model.

    Example:
        >>> from hybrid_core.backends import get_encoder
        >>> encoder = get_encoder("e5-small-cut", backend="openvino-int8-static")  # doctest: +SKIP
        >>> encoder.encode(["Wo liegt Berlin?"], role="query").shape  # doctest: +SKIP
        (1, 384)
    """

    def __init__(self, folder: Path, *, max_seq_length: int | None = None,
                 runtime: RuntimeConfig | None = None) -> None:
        import openvino as ov
        from transformers import AutoTokenizer

        self.folder = Path(folder)
        self.meta = read_meta(self.folder)
        self.variant = str(self.meta["variant"])
        self.backend_name = f"openvino-{self.variant}"
        self.prompts = dict(self.meta["prompts"])
        self.dimension = int(self.meta["dimension"])
        self.max_seq_length = int(max_seq_length or self.meta["max_seq_length"])
        if self.max_seq_length < 2:
            raise ValueError(f"max_seq_length must be at least 2, got {self.max_seq_length}")
        self.runtime = runtime or RuntimeConfig()
        self.tokenizer = AutoTokenizer.from_pretrained(str(self.folder / TOKENIZER_DIR))
        pad_id = self.tokenizer.pad_token_id
        self.pad_id = int(pad_id if pad_id is not None else 0)
        self.compiled = ov.Core().compile_model(self.folder / MODEL_XML, "CPU", self.runtime.properties())
        requests = self.runtime.num_requests or self.compiled.get_property("OPTIMAL_NUMBER_OF_INFER_REQUESTS")
        self._queue = ov.AsyncInferQueue(self.compiled, int(requests))
        self._lock = threading.Lock()
        # static variants carry their calibration digest: another calibration set gives other embeddings
        suffix = f"-{self.meta['calibration']['digest']}" if self.variant == "int8-static" else ""
        self.identity = f"{self.meta['model_identity']}-len{self.max_seq_length}-{self.backend_name}{suffix}"

    def __repr__(self) -> str:
        return f"OpenVINOEncoder(identity={self.identity!r}, folder={str(self.folder)!r})"

    def _encode_batches(self, batches: Iterator[Batch], out: np.ndarray, *, role: str,
                        on_rows: Callable[[int], object]) -> None:
        def done(request, indices: np.ndarray) -> None:
            out[indices] = request.get_output_tensor(0).data
            on_rows(len(indices))

        with self._lock:  # one queue per compiled model: concurrent encode calls take turns
            self._queue.set_callback(done)
            for batch in batches:
                self._queue.start_async({"input_ids": batch.input_ids, "attention_mask": batch.attention_mask},
                                        userdata=batch.indices)
            self._queue.wait_all()


def load_openvino_encoder(spec: str | Path, variant: str, *, max_seq_length: int | None = None,
                          calibration: Sequence[str] | CalibrationSet | None = None, root: Path | None = None,
                          runtime: RuntimeConfig | None = None) -> OpenVINOEncoder:
    """Prepare (or reuse) the cached ``variant`` of a model spec and compile it."""
    return OpenVINOEncoder(prepare_variant(spec, variant, calibration=calibration, root=root),
                           max_seq_length=max_seq_length, runtime=runtime)
