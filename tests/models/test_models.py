"""Model specs: resolution, prompts, devices, dtypes and the offline hub message."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch

from hybrid_core import models


def test_embedded_alias_resolves_to_cache(embedded_path: Path) -> None:
    assert models.resolve_model("e5-small").path == embedded_path
    assert models.resolve_model("embedded").path == embedded_path


def test_loaded_model_carries_e5_prompts(cut_path: Path) -> None:
    model = models.load_model(str(cut_path), device="cpu")
    assert model.prompts["query"] == "query: " and model.prompts["passage"] == "passage: "
    assert models.model_fingerprint(model).startswith(cut_path.name)


def test_prefix_is_applied_by_prompt_name(cut_model) -> None:
    with_prompt = cut_model.encode(["Wo liegt Berlin?"], prompt_name="query")
    by_hand = cut_model.encode(["query: Wo liegt Berlin?"])
    assert float((with_prompt * by_hand).sum()) > 0.99999


def test_run_folder_resolves_to_its_final_model(tmp_path: Path, cut_path: Path) -> None:
    run = tmp_path / "run-a"
    (run / "final").mkdir(parents=True)
    (run / "status.json").write_text(json.dumps({"state": "finished"}))
    for item in cut_path.iterdir():
        target = run / "final" / item.name
        target.symlink_to(item, target_is_directory=item.is_dir())
    assert models.resolve_model(str(run)).path == (run / "final").resolve()


def test_unfinished_run_is_refused(tmp_path: Path) -> None:
    run = tmp_path / "run-b"
    run.mkdir()
    (run / "status.json").write_text(json.dumps({"state": "running"}))
    (run / "config.json").write_text("{}")
    with pytest.raises(models.ModelNotAvailableError, match="no final model yet"):
        models.resolve_model(str(run))


@pytest.mark.parametrize("spec,message", [
    ("", "empty model spec"),
    ("./no/such/folder", "model folder not found"),
])
def test_bad_specs_are_refused(spec: str, message: str) -> None:
    with pytest.raises(models.ModelNotAvailableError, match=message):
        models.resolve_model(spec)


def test_hub_id_offline_says_how_to_use_a_local_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(models.ModelNotAvailableError, match="folder path as the model"):
        models.load_model("intfloat/multilingual-e5-base", device="cpu")


def test_known_prompts_for_hub_families() -> None:
    assert models.known_prompts("intfloat/multilingual-e5-large")["query"] == "query: "
    assert models.known_prompts("sentence-transformers/LaBSE") == {"query": "", "passage": ""}
    assert models.known_prompts("some/unknown-model") is None


def test_bf16_dtype_and_bad_dtype(cut_path: Path) -> None:
    model = models.load_model(str(cut_path), device="cpu", dtype="bf16")
    assert next(model.parameters()).dtype == torch.bfloat16
    with pytest.raises(ValueError, match="unknown dtype 'fp8'"):
        models.load_model(str(cut_path), device="cpu", dtype="fp8")  # type: ignore[arg-type]


def test_device_resolution() -> None:
    assert models.resolve_device("cpu") == "cpu"
    assert models.resolve_device("auto") in {"cpu", "cuda"}
    with pytest.raises(ValueError, match="unknown device 'tpu'"):
        models.resolve_device("tpu")
