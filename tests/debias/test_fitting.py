"""fit_remedy: the right data for each fit, parallel pairs, leaks refused, the statistics cache with a real encoder."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from debiaskit import CountingEncoder, ToyEncoder, answers_dataset

from hybrid_core.debias import debias_evaluation, fit_label, fit_remedy, parallel_pairs
from hybrid_core.evaluation.embedding_cache import EmbeddingCache

ANSWERS = {"en": ["Berlin lies in Germany.", "Goethe wrote Faust.", "Berlin lies in Germany."],
           "de": ["Berlin liegt in Deutschland.", "Goethe schrieb Faust.", "Berlin liegt in Deutschland."],
           "ru": ["Берлин находится в Германии.", "Гёте написал Фауста.", "Берлин находится в Германии."]}
VECTORS = {"Berlin lies in Germany.": [1, 0, 0, 0], "Goethe wrote Faust.": [0, 1, 0, 0],
           "Berlin liegt in Deutschland.": [0, 0, 1, 0], "Goethe schrieb Faust.": [0, 0, 0, 1],
           "Берлин находится в Германии.": [0, 0, 0.6, 0.8], "Гёте написал Фауста.": [0.6, 0.8, 0, 0]}


def test_parallel_pairs_deduplicated_by_text_pair() -> None:
    pairs = parallel_pairs(answers_dataset(ANSWERS), source="en")
    assert pairs == {"de": [("Berlin liegt in Deutschland.", "Berlin lies in Germany."),
                            ("Goethe schrieb Faust.", "Goethe wrote Faust.")],
                     "ru": [("Берлин находится в Германии.", "Berlin lies in Germany."),
                            ("Гёте написал Фауста.", "Goethe wrote Faust.")]}  # q2 repeats q0's pair: counted once
    assert set(parallel_pairs(answers_dataset(ANSWERS), source="de")) == {"en", "ru"}
    with pytest.raises(ValueError, match="no relevant candidates in the source language 'zh'"):
        parallel_pairs(answers_dataset(ANSWERS), source="zh")


def test_shift_fitted_through_an_encoder_by_hand(roots: tuple[Path, Path]) -> None:
    stats_root, emb_root = roots
    encoder = ToyEncoder(VECTORS)
    estimation = answers_dataset(ANSWERS, name="toy-train")
    fitted = fit_remedy("shift:1", encoder, estimation=estimation, candidate_languages=["en", "de", "ru", "el"],
                        cache_root=stats_root, embedding_cache=EmbeddingCache(encoder.identity, root=emb_root))
    de, ru = (fitted.statistics.table[fitted.statistics.languages.index(x)] for x in ("de", "ru"))
    np.testing.assert_allclose(de, [-0.5, -0.5, 0.5, 0.5], atol=1e-7)  # mean of (e3 - e1, e4 - e2)
    np.testing.assert_allclose(ru, [-0.2, -0.1, 0.3, 0.4], atol=1e-7)  # mean of ((0,0,.6,.8) - e1, (.6,.8,0,0) - e2)
    assert sorted(encoder.encoded) == sorted(VECTORS)  # every distinct text encoded once
    assert fitted.identity() == {"debias": "shift:1,source=en", "debias_fit": fit_label(estimation),
                                 "covered": "de,en,ru", "missing": "el"}
    assert fitted.identity()["debias_fit"] == f"toy-train@{estimation.fingerprint}"
    out = fitted.transform_candidates(np.array([[0, 0, 1, 0], [0, 0, 1, 0]], dtype=np.float32), ["de", "el"])
    np.testing.assert_allclose(out[0], [0.5, 0.5, 0.5, -0.5], atol=1e-6)  # e3 - V_de, renormalised (norm 1)
    np.testing.assert_array_equal(out[1], [0, 0, 1, 0])


def test_centering_fitted_on_training_candidates_reports_missing_languages(roots: tuple[Path, Path]) -> None:
    stats_root, emb_root = roots
    encoder = ToyEncoder(VECTORS)
    estimation = answers_dataset({k: ANSWERS[k] for k in ("en", "de")}, name="toy-train")
    fitted = fit_remedy("centering,fit=train", encoder, estimation=estimation, candidate_languages=["en", "de", "ru"],
                        query_languages=["en", "de", "ru"], cache_root=stats_root,
                        embedding_cache=EmbeddingCache(encoder.identity, root=emb_root))
    en = fitted.statistics.table[fitted.statistics.languages.index("en")]
    np.testing.assert_allclose(en, [2 / 3, 1 / 3, 0, 0], atol=1e-7)  # every candidate counts, repeats included
    assert fitted.missing_languages == ("ru",)
    assert fitted.identity()["covered"] == "de,en"


def test_fit_needs_its_data() -> None:
    with pytest.raises(ValueError, match=r"centering \(fit=index\) needs the evaluated candidates' embeddings"):
        fit_remedy("centering")
    with pytest.raises(ValueError, match=r"shift:0.5,source=en \(fit=train\) needs an encoder and estimation data"):
        fit_remedy("shift:0.5", ToyEncoder(VECTORS))
    with pytest.raises(ValueError, match="candidate_text: unknown value 'paragraph'"):
        fit_remedy("centering", candidate_embeddings=np.eye(2), candidate_languages=["en", "de"],
                   candidate_text="paragraph", cache=False)


def test_estimating_on_the_evaluated_data_is_refused() -> None:
    data = answers_dataset(ANSWERS)
    with pytest.raises(ValueError, match="shares 3 question ids with the evaluated data"):
        fit_remedy("shift:0.5", ToyEncoder(VECTORS), estimation=data, evaluated=data, cache=False)
    other = answers_dataset(ANSWERS, prefix="train-")
    fit_remedy("shift:0.5", ToyEncoder(VECTORS), estimation=other, evaluated=data, cache=False)  # distinct ids: fine


def test_source_language_absent_from_the_estimation_data_is_refused() -> None:
    with pytest.raises(ValueError, match="no relevant candidates in the source language 'zh'"):
        fit_remedy("shift:0.5,source=zh", ToyEncoder(VECTORS), estimation=answers_dataset(ANSWERS), cache=False)


def test_debias_evaluation_transforms_queries_and_candidates(roots: tuple[Path, Path]) -> None:
    data = answers_dataset({k: ANSWERS[k][:2] for k in ("en", "de")})
    rng = np.random.default_rng(2)
    queries = rng.normal(size=(4, 4)).astype(np.float32)
    candidates = rng.normal(size=(4, 4)).astype(np.float32)
    out = debias_evaluation("lir:1", None, data, queries, candidates, cache_root=roots[0])
    assert out.queries is not queries and out.candidates is not candidates
    np.testing.assert_allclose(np.linalg.norm(out.candidates, axis=1), 1.0, atol=1e-6)
    shifted = debias_evaluation("shift:1", ToyEncoder(VECTORS), data, queries, candidates,
                                estimation=answers_dataset(ANSWERS, prefix="train-"), cache=False)
    assert shifted.queries is queries  # SHIFT never touches queries
    with pytest.raises(ValueError, match="3 query and 4 candidate embeddings for 4 questions and 4 candidates"):
        debias_evaluation("centering", None, data, queries[:3], candidates)


def test_second_fit_reads_the_cache_without_encoding(cut_encoder, roots: tuple[Path, Path]) -> None:
    from hybrid_core.data import demo_dataset

    stats_root, emb_root = roots
    estimation = demo_dataset("train", languages=["en", "de", "ru"])
    encoder = CountingEncoder(cut_encoder)

    def fit(spelling: str):
        # a fresh embedding cache each time: only the statistics cache can spare the encoder
        return fit_remedy(spelling, encoder, estimation=estimation, candidate_languages=["en", "de", "ru", "el"],
                          cache_root=stats_root, embedding_cache=EmbeddingCache(encoder.identity, root=emb_root),
                          batch_size=32)

    first = fit("shift:0.5")
    encoded = len(encoder.encoded)
    pairs = parallel_pairs(estimation, source="en")
    assert encoded == len({t for found in pairs.values() for pair in found for t in pair}) > 0
    assert first.missing_languages == ("el",) and first.statistics.languages == ("de", "ru")

    import shutil

    shutil.rmtree(emb_root)
    second = fit("shift:1")  # another s, the same statistics
    assert len(encoder.encoded) == encoded  # no re-encoding
    np.testing.assert_array_equal(second.statistics.table, first.statistics.table)
    assert str(second.remedy) == "shift:1,source=en"

    files = list(stats_root.glob("*.npz"))
    assert len(files) == 1
    files[0].write_bytes(files[0].read_bytes()[:100])  # a damaged (truncated) statistics file
    third = fit("shift:0.5")
    assert len(encoder.encoded) == 2 * encoded  # recomputed, not a crash
    np.testing.assert_allclose(third.statistics.table, first.statistics.table, atol=1e-6)
    assert len(list(stats_root.glob("*.npz"))) == 1
    fit("shift:0.5")
    assert len(encoder.encoded) == 2 * encoded  # the rewritten file is read again

    fit("shift:0.5,source=de")  # another source: other statistics
    assert len(encoder.encoded) == 2 * encoded  # its texts are all in the embedding cache by now
    assert len(list(stats_root.glob("*.npz"))) == 2


def test_index_fits_are_cached_by_the_embeddings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from hybrid_core.debias import REMEDIES

    family = REMEDIES["centering"]
    calls: list[int] = []
    estimate = family.estimate

    def counting(*args, **kwargs):
        calls.append(1)
        return estimate(*args, **kwargs)

    monkeypatch.setattr(family, "estimate", counting)
    rng = np.random.default_rng(1)
    emb = rng.normal(size=(30, 6)).astype(np.float32)
    langs = ["de"] * 15 + ["en"] * 15
    first = fit_remedy("centering", candidate_embeddings=emb, candidate_languages=langs, cache_root=tmp_path)
    again = fit_remedy("centering", candidate_embeddings=emb.copy(), candidate_languages=langs, cache_root=tmp_path)
    assert len(calls) == 1  # the same embeddings: read from the cache
    np.testing.assert_array_equal(again.statistics.table, first.statistics.table)
    other = emb.copy()
    other[0, 0] += 1
    fit_remedy("centering", candidate_embeddings=other, candidate_languages=langs, cache_root=tmp_path)
    fit_remedy("centering", candidate_embeddings=emb, candidate_languages=langs[::-1], cache_root=tmp_path)
    assert len(calls) == 3  # other embeddings or other languages: other statistics
    assert len(list(tmp_path.glob("*.npz"))) == 3
    fit_remedy("centering", candidate_embeddings=emb, candidate_languages=langs, cache=False, cache_root=tmp_path)
    assert len(calls) == 4  # cache=False neither reads nor writes
    assert len(list(tmp_path.glob("*.npz"))) == 3
