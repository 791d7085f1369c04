"""OpenVINO backends (fp32, int8 weight-only, int8 static) against torch on the cut model."""

from __future__ import annotations

import json

import numpy as np
import pytest

pytest.importorskip("openvino")
pytest.importorskip("nncf")

from hybrid_core.backends import (
    EMBEDDED_QUALITY,
    MAX_METRIC_DIFFERENCE,
    choose_backend,
    get_encoder,
    read_quality,
    record_quality,
)
from hybrid_core.backends.openvino_backend import (
    META,
    MODEL_XML,
    OpenVINOEncoder,
    RuntimeConfig,
    prepare_variant,
    read_meta,
)
from hybrid_core.encoders import Encoder

SPEC = "e5-small-cut"

#: Six facts, each as a question and an answer sentence in four languages (a small parallel set).
PARALLEL = {
    "en": [("What is the capital of France?", "Paris is the capital of France."),
           ("How many legs does a spider have?", "A spider has eight legs."),
           ("When did the Second World War end?", "The Second World War ended in 1945."),
           ("What do bees make?", "Bees make honey from the nectar of flowers."),
           ("Which planet is the largest?", "Jupiter is the largest planet of the solar system."),
           ("What is the boiling point of water?", "Water boils at 100 degrees Celsius at sea level.")],
    "de": [("Was ist die Hauptstadt von Frankreich?", "Paris ist die Hauptstadt von Frankreich."),
           ("Wie viele Beine hat eine Spinne?", "Eine Spinne hat acht Beine."),
           ("Wann endete der Zweite Weltkrieg?", "Der Zweite Weltkrieg endete 1945."),
           ("Was stellen Bienen her?", "Bienen stellen Honig aus dem Nektar von Blüten her."),
           ("Welcher Planet ist der größte?", "Jupiter ist der größte Planet des Sonnensystems."),
           ("Was ist der Siedepunkt von Wasser?", "Wasser kocht auf Meereshöhe bei 100 Grad Celsius.")],
    "ru": [("Какая столица Франции?", "Париж — столица Франции."),
           ("Сколько ног у паука?", "У паука восемь ног."),
           ("Когда закончилась Вторая мировая война?", "Вторая мировая война закончилась в 1945 году."),
           ("Что делают пчёлы?", "Пчёлы делают мёд из нектара цветов."),
           ("Какая планета самая большая?", "Юпитер — самая большая планета Солнечной системы."),
           ("Какова температура кипения воды?", "Вода кипит при 100 градусах Цельсия на уровне моря.")],
    "zh": [("法国的首都是哪里？", "巴黎是法国的首都。"),
           ("蜘蛛有几条腿？", "蜘蛛有八条腿。"),
           ("第二次世界大战什么时候结束？", "第二次世界大战于1945年结束。"),
           ("蜜蜂生产什么？", "蜜蜂用花蜜酿造蜂蜜。"),
           ("哪颗行星最大？", "木星是太阳系中最大的行星。"),
           ("水的沸点是多少？", "在海平面上，水在摄氏100度时沸腾。")],
}


@pytest.fixture(scope="session")
def ov_root(tmp_path_factory):
    """A private backend cache for this test session (every variant is really built once)."""
    return tmp_path_factory.mktemp("backends")


@pytest.fixture(scope="session")
def ov_encoders(ov_root):
    """The three OpenVINO variants of the cut model, keyed by variant."""
    return {variant: get_encoder(SPEC, backend=f"openvino-{variant}", device="cpu", cache_root=ov_root)
            for variant in ("fp32", "int8-wo", "int8-static")}


def _parallel_texts() -> tuple[list[str], list[str]]:
    questions = [q for lang in sorted(PARALLEL) for q, _ in PARALLEL[lang]]
    answers = [a for lang in sorted(PARALLEL) for _, a in PARALLEL[lang]]
    return questions, answers


@pytest.mark.parametrize("role", ["query", "passage"])
def test_fp32_matches_torch_in_several_scripts(ov_encoders, torch_encoder, texts, role):
    ours = ov_encoders["fp32"].encode(texts, role=role, batch_size=5)
    reference = torch_encoder.encode(texts, role=role)
    assert ours.dtype == np.float32 and ours.shape == reference.shape
    assert (ours * reference).sum(axis=1).min() > 0.999
    np.testing.assert_allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)


def test_fp32_truncates_like_torch(ov_encoders, torch_encoder):
    long_texts = ["word " * 1000, "Ein sehr langer Satz. " * 200, "short"]
    ours = ov_encoders["fp32"].encode(long_texts, role="passage")
    assert (ours * torch_encoder.encode(long_texts, role="passage")).sum(axis=1).min() > 0.999


@pytest.mark.parametrize("variant", ["int8-wo", "int8-static"])
def test_int8_stays_close_to_fp32(ov_encoders, texts, variant):
    questions, answers = _parallel_texts()
    for role, batch in (("query", texts + questions), ("passage", texts + answers)):
        fp32 = ov_encoders["fp32"].encode(batch, role=role)
        int8 = ov_encoders[variant].encode(batch, role=role)
        assert (fp32 * int8).sum(axis=1).min() > 0.98


@pytest.mark.parametrize("variant", ["int8-wo", "int8-static"])
def test_int8_keeps_nearest_neighbours(ov_encoders, variant):
    questions, answers = _parallel_texts()

    def top1(encoder) -> np.ndarray:
        scores = encoder.encode(questions, role="query") @ encoder.encode(answers, role="passage").T
        return scores.argmax(axis=1)

    agreement = (top1(ov_encoders["fp32"]) == top1(ov_encoders[variant])).mean()
    assert agreement >= 0.9


def test_order_and_batch_size_do_not_matter(ov_encoders, texts):
    encoder = ov_encoders["int8-static"]
    permutation = np.random.default_rng(1).permutation(len(texts))
    whole = encoder.encode(texts, role="query", batch_size=64)
    shuffled = encoder.encode([texts[i] for i in permutation], role="query", batch_size=2)
    np.testing.assert_allclose(shuffled, whole[permutation], atol=2e-3)
    assert encoder.encode([], role="query").shape == (0, encoder.dimension)
    with pytest.raises(ValueError, match="role"):
        encoder.encode(["x"], role="doc")


def test_identities_differ_across_backends(ov_encoders, torch_encoder):
    identities = {encoder.identity for encoder in ov_encoders.values()} | {torch_encoder.identity}
    assert len(identities) == 4
    for variant, encoder in ov_encoders.items():
        assert isinstance(encoder, Encoder)
        assert f"openvino-{variant}" in encoder.identity and "-len256-" in encoder.identity
    static = ov_encoders["int8-static"]
    assert static.identity.endswith(static.meta["calibration"]["digest"])


def test_cache_is_reused_not_rebuilt(ov_encoders, ov_root):
    for variant, encoder in ov_encoders.items():
        xml = encoder.folder / MODEL_XML
        before = xml.stat().st_mtime_ns
        again = prepare_variant(SPEC, variant, root=ov_root)
        assert again == encoder.folder
        assert xml.stat().st_mtime_ns == before


def test_metadata_records_the_calibration(ov_encoders):
    meta = read_meta(ov_encoders["int8-static"].folder)
    assert meta["variant"] == "int8-static"
    assert meta["calibration"]["source"] in {"demo-train", "mlqa-r"}
    assert meta["calibration"]["size"] >= 100
    assert meta["prompts"] == {"query": "query: ", "passage": "passage: "}
    assert read_meta(ov_encoders["int8-wo"].folder)["compression"] == "INT8_ASYM"


def test_user_calibration_gets_its_own_folder_and_identity(ov_encoders, ov_root, texts):
    encoder = get_encoder(SPEC, backend="int8-static", device="cpu", cache_root=ov_root, calibration=texts * 3)
    assert encoder.folder != ov_encoders["int8-static"].folder
    assert encoder.identity != ov_encoders["int8-static"].identity
    assert encoder.meta["calibration"]["source"] == "user"
    assert encoder.meta["calibration"]["size"] == len(texts) * 3


def test_a_damaged_cache_is_rebuilt(ov_root, tmp_path):
    folder = prepare_variant(SPEC, "int8-wo", root=ov_root)
    copy_root = tmp_path / "copy"
    import shutil

    shutil.copytree(ov_root, copy_root)
    damaged = copy_root / folder.parent.name / folder.name
    (damaged / "model.bin").write_bytes(b"broken")
    rebuilt = prepare_variant(SPEC, "int8-wo", root=copy_root)
    assert (rebuilt / "model.bin").stat().st_size == (folder / "model.bin").stat().st_size
    assert json.loads((rebuilt / META).read_text())["variant"] == "int8-wo"


def test_runtime_config_is_validated_and_applied(ov_encoders):
    with pytest.raises(ValueError, match="num_streams"):
        RuntimeConfig(num_streams=0)
    encoder = OpenVINOEncoder(ov_encoders["fp32"].folder, runtime=RuntimeConfig(num_streams=2, num_threads=2))
    assert encoder.compiled.get_property("INFERENCE_PRECISION_HINT").to_string() == "f32"
    assert int(encoder.compiled.get_property("NUM_STREAMS")) == 2


def test_openvino_needs_a_spec_not_a_loaded_model(cut_model):
    with pytest.raises(ValueError, match="model spec"):
        get_encoder(cut_model, backend="openvino-fp32")
    with pytest.raises(ValueError, match="variant"):
        prepare_variant(SPEC, "int4")


def test_auto_follows_the_recorded_quality(ov_root):
    from hybrid_core.models import resolve_model

    identity = resolve_model(SPEC).identity
    assert choose_backend(identity, device="cpu", root=ov_root) == "openvino-int8-static"
    assert EMBEDDED_QUALITY["openvino-int8-static"] < MAX_METRIC_DIFFERENCE
    record = record_quality(identity, "openvino-int8-static", {"cross/AP@20": -0.02}, dataset="test", root=ov_root)
    assert record["passed"] is False
    record_quality(identity, "openvino-int8-wo", {"cross/AP@20": 0.001}, dataset="test", root=ov_root)
    assert read_quality(ov_root)[identity]["openvino-int8-wo"]["passed"] is True
    assert choose_backend(identity, device="cpu", root=ov_root) == "openvino-int8-wo"
    auto = get_encoder(SPEC, backend="auto", device="cpu", cache_root=ov_root)
    assert "openvino-int8-wo" in auto.identity
    assert choose_backend("some-other-model", device="cpu", root=ov_root) == "openvino-int8-static"
