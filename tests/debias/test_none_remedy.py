"""``none`` is an exact identity: the input arrays come back as they are, nothing is read or fitted."""

from __future__ import annotations

import numpy as np

from hybrid_core.debias import debias_evaluation, fit_remedy, parse_remedy
from hybrid_core.debias.base import Remedy


def test_none_returns_its_inputs_bit_for_bit() -> None:
    fitted = fit_remedy("none")  # no encoder, no data: nothing to fit
    emb = np.array([[3.0, 4.0], [1e-8, 2.0]], dtype=np.float32)  # not even unit rows: no renormalisation
    assert fitted.transform_candidates(emb, ["de", "xx"]) is emb
    assert fitted.transform_queries(emb, ["de", "en"]) is emb
    double = emb.astype(np.float64)
    assert fitted.transform_candidates(double, ["de", "de"]) is double  # not even a dtype change
    assert fitted.missing_languages == ()
    assert fitted.identity() == {"debias": "none", "debias_fit": "", "covered": "", "missing": ""}


def test_none_on_a_whole_evaluation_keeps_the_arrays() -> None:
    from debiaskit import answers_dataset

    data = answers_dataset({"en": ["a", "b"], "de": ["c", "d"]})
    queries = np.eye(4, dtype=np.float32)
    candidates = np.eye(4, dtype=np.float32)[::-1].copy()
    out = debias_evaluation(None, None, data, queries, candidates)
    assert out.queries is queries and out.candidates is candidates
    assert out.fitted.remedy == parse_remedy("none") == Remedy("none")
