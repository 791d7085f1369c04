"""Index-side bias remedies as values: the :class:`Remedy` spelling, the method registry and :class:`FittedRemedy`.

A remedy is a value with one spelling, like a measure (:mod:`hybrid_core.evaluation.metrics`):

=============================== ========================================================================================
spelling                        meaning
=============================== ========================================================================================
``none``                        no remedy (an exact identity: the input arrays are returned as they are)
``centering``                   subtract each language's mean embedding (candidates and queries), statistics from the
                                evaluated candidates (``fit=index``, the default) or ``centering,fit=train``
``lir:R``                       remove the top-R language directions (R in 1..8) of each language (candidates and
                                queries); ``lir:2,fit=train`` estimates them on the training data
``shift:S``                     move candidates of language l by ``-S * V_l`` towards the source language; V_l from
                                parallel training data only (``fit=train``, the only choice); ``shift:0.5,source=en``
=============================== ========================================================================================

``str(parse_remedy(x))`` is the canonical spelling and round-trips: options at their default are left out, except
SHIFT's ``source`` (the language every candidate is moved towards), which is always written. Bad spellings are
refused with a message naming the value and the valid choices (see :func:`parse_remedy`).

A :class:`FittedRemedy` holds the estimated statistics (per language) and transforms embeddings. Every transform is
vectorised per language group (no Python loop over rows), returns a new float32 array whose transformed rows are
re-normalised to unit length (our search is inner product on L2-normalised vectors), and leaves rows of languages
without statistics exactly as they were. The maths of each method lives in its own module
(:mod:`~hybrid_core.debias.centering`, :mod:`~hybrid_core.debias.lir`, :mod:`~hybrid_core.debias.shift`,
:mod:`~hybrid_core.debias.none`); fitting from an encoder and data, with the statistics cached on disk, is
:func:`hybrid_core.debias.fitting.fit_remedy`.

Example:
    >>> import numpy as np
    >>> remedy = parse_remedy("shift:0.50,source=EN")
    >>> str(remedy), remedy == parse_remedy(str(remedy))
    ('shift:0.5,source=en', True)
    >>> means = np.array([[1.0, 0.0], [0.0, 1.0]])  # de, en
    >>> fitted = get_method("centering").fitted(parse_remedy("centering"), means, ["de", "en"])
    >>> fitted.transform_candidates(np.array([[1.0, 1.0], [1.0, 3.0]], dtype=np.float32), ["de", "de"]).tolist()
    [[0.0, 1.0], [0.0, 1.0]]
"""

from __future__ import annotations

import difflib
import logging
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal

import numpy as np

from hybrid_core.languages import validate_language

log = logging.getLogger(__name__)

#: Where statistics come from: ``index`` = the evaluated candidates themselves (label-free), ``train`` = a separate
#: dataset (the protocol's training split, e.g. MLQA-R when evaluating XQuAD-R).
FIT_CHOICES: tuple[str, ...] = ("index", "train")
Fit = Literal["index", "train"]

_SPELLING = re.compile(r"^(?P<method>[A-Za-z_]+)(?::(?P<parameter>[^,]*))?(?P<options>(?:,.*)?)$")


class RemedyMethod:
    """One remedy family (a subclass per module, registered by name with :func:`register`).

    Class attributes say what the family is; :meth:`apply` is its maths on the rows of languages with statistics.

    Attributes:
        name: the spelling's method name (``"lir"``).
        display: a short human name.
        description: one line for help texts and tooltips.
        reference: where the definition comes from.
        parameter: name of the one numeric parameter (``"r"``, ``"s"``) or None.
        parameter_help: what the parameter means and its valid values, for error messages.
        example: an example value of the parameter, for error messages.
        options: option names other than ``fit`` with their defaults (``{"source": "en"}``).
        fits: allowed ``fit`` values, the default first.
        estimates_from: ``"candidates"`` (per-language embeddings), ``"pairs"`` (parallel pairs) or ``"nothing"``.
        transforms_queries: whether queries are transformed too (by the query's language).
    """

    name: ClassVar[str] = ""
    display: ClassVar[str] = ""
    description: ClassVar[str] = ""
    reference: ClassVar[str] = ""
    parameter: ClassVar[str | None] = None
    parameter_help: ClassVar[str] = ""
    example: ClassVar[str] = ""
    options: ClassVar[dict[str, str]] = {}
    fits: ClassVar[tuple[Fit, ...]] = ()
    estimates_from: ClassVar[Literal["candidates", "pairs", "nothing"]] = "nothing"
    transforms_queries: ClassVar[bool] = False

    # ----- the parameter ----------------------------------------------------------------------------------------
    def check_parameter(self, value: Any) -> int | float | None:
        """The parameter in its canonical type; raises ``ValueError`` (message without the spelling) when invalid."""
        if value is not None:
            raise ValueError(f"{self.name} takes no parameter (got {value!r}); write {self.name!r}")
        return None

    def parse_parameter(self, text: str) -> int | float | None:
        """Read the parameter from its spelling (``"2"``, ``"0.5"``)."""
        return self.check_parameter(text)

    def format_parameter(self, value: int | float | None) -> str:
        """The parameter's canonical spelling."""
        return "" if value is None else str(value)

    def refuse_fit(self, fit: Fit) -> str:
        """Why ``fit`` is not allowed for this family (the error message)."""
        return f"{self.name} cannot be fitted with fit={fit}; choose {' or '.join(self.fits)}"

    # ----- statistics and maths ---------------------------------------------------------------------------------
    def estimate(self, remedy: Remedy, *, embeddings: np.ndarray | None = None,
                 languages: Sequence[str] | None = None,
                 pairs: dict[str, tuple[np.ndarray, np.ndarray]] | None = None) -> Statistics:
        """Per-language statistics from candidate embeddings (``embeddings``, ``languages``) or parallel ``pairs``
        (language -> (embeddings in that language, embeddings of the same texts in the source language))."""
        raise NotImplementedError

    def apply(self, rows: np.ndarray, codes: np.ndarray, table: np.ndarray, remedy: Remedy) -> np.ndarray:
        """The transformed (not yet normalised) rows: ``rows[i]`` belongs to language ``codes[i]`` of ``table``."""
        raise NotImplementedError

    def fitted(self, remedy: Remedy, table: np.ndarray, languages: Sequence[str], **details: Any) -> FittedRemedy:
        """A :class:`FittedRemedy` of ``remedy`` from given statistics (``table`` rows in ``languages`` order)."""
        stats = Statistics(tuple(languages), np.asarray(table, dtype=np.float32))
        return FittedRemedy(remedy, stats, **details)


#: Every remedy family, by name (filled by the method modules through :func:`register`).
REMEDIES: dict[str, RemedyMethod] = {}


def register(method: type[RemedyMethod]) -> type[RemedyMethod]:
    """Class decorator: add a remedy family to :data:`REMEDIES` under its ``name``."""
    if not method.name or method.name in REMEDIES:
        raise ValueError(f"remedy method name {method.name!r} is empty or registered twice")
    REMEDIES[method.name] = method()
    return method


def get_method(name: str) -> RemedyMethod:
    """The registered family ``name``.

    Raises:
        ValueError: an unknown name; the message lists the spellings and the closest match.
    """
    if name in REMEDIES:
        return REMEDIES[name]
    close = difflib.get_close_matches(str(name).lower(), list(REMEDIES), n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    raise ValueError(f"unknown debias method {name!r}; choose one of {spellings()}{hint}")


def spellings() -> str:
    """The spellings of every family, for help texts: ``none, centering, lir:R, shift:S``."""
    families = sorted(REMEDIES.values(), key=lambda m: m.name != "none")  # none first, then registration order
    return ", ".join(m.name if m.parameter is None else f"{m.name}:{m.parameter.upper()}" for m in families)


@dataclass(frozen=True)
class Remedy:
    """A remedy value: a family, its parameter and options. ``str(remedy)`` is its one spelling.

    Defaults are filled in (``Remedy("centering").fit == "index"``), so equal remedies compare and hash equal however
    they were written. Build one with :func:`parse_remedy` or directly: ``Remedy("shift", 0.5, source="en")``.

    Args:
        method: the family name (:data:`REMEDIES`).
        parameter: LIR's ``r`` (directions removed), SHIFT's ``s`` (scale), None for the others.
        fit: where statistics come from (``index`` or ``train``; default: the family's first choice).
        source: SHIFT's source language (default ``en``); None for the others.

    Raises:
        ValueError: an unknown family, a bad parameter, an option the family does not take.
    """

    method: str
    parameter: int | float | None = None
    fit: Fit | None = None
    source: str | None = None

    def __post_init__(self) -> None:
        family = get_method(self.method)
        object.__setattr__(self, "parameter", family.check_parameter(self.parameter))
        fit = self.fit if self.fit is not None else (family.fits[0] if family.fits else None)
        if fit is not None:
            if not family.fits:
                raise ValueError(f"{family.name} takes no options (got fit={fit!r})")
            if fit not in FIT_CHOICES:
                close = difflib.get_close_matches(str(fit), FIT_CHOICES, n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                raise ValueError(f"fit must be one of {', '.join(FIT_CHOICES)}, got {fit!r}{hint}")
            if fit not in family.fits:
                raise ValueError(family.refuse_fit(fit))
        object.__setattr__(self, "fit", fit)
        if "source" in family.options:
            source = family.options["source"] if self.source is None else self.source
            object.__setattr__(self, "source", validate_language(source, where="source"))
        elif self.source is not None:
            raise ValueError(f"{family.name} takes no source language (got source={self.source!r})")

    @property
    def family(self) -> RemedyMethod:
        """The registered family."""
        return REMEDIES[self.method]

    @property
    def is_identity(self) -> bool:
        """True for ``none``."""
        return self.method == "none"

    @property
    def needs_training_data(self) -> bool:
        """Whether its statistics come from separate parallel training data (``fit=train``), not the index."""
        return self.fit == "train"

    def options(self) -> dict[str, str]:
        """Every option with its value (defaults included): ``{"fit": "train", "source": "en"}``."""
        out: dict[str, str] = {}
        if self.fit is not None:
            out["fit"] = self.fit
        if self.source is not None:
            out["source"] = self.source
        return out

    def __str__(self) -> str:
        family = self.family
        text = family.name
        if self.parameter is not None:
            text += f":{family.format_parameter(self.parameter)}"
        for name, value in self.options().items():
            default = family.fits[0] if name == "fit" else None  # SHIFT's source is always written
            if value != default:
                text += f",{name}={value}"
        return text

    def __repr__(self) -> str:
        return f"Remedy({str(self)!r})"

    @property
    def slug(self) -> str:
        """A file-name-safe label: ``centering``, ``lir2``, ``shift0.5-en``, ``centering-train``."""
        text = str(self).replace(":", "").replace(",source=", "-").replace(",fit=", "-")
        return re.sub(r"[^A-Za-z0-9._-]", "-", text)

    def statistics_key(self) -> dict[str, Any]:
        """What the statistics depend on (not ``r`` or ``s``: one fit serves every value of the parameter)."""
        return {"method": self.method, **self.options()}


def parse_remedy(spelling: str | Remedy | None) -> Remedy:
    """Turn a spelling (``"lir:2,fit=train"``) into its :class:`Remedy` (a Remedy is returned unchanged, None: none).

    Raises:
        ValueError: naming the spelling and what is wrong with it (unknown method or option with a did-you-mean,
            a bad parameter, an unknown source language, ``fit=index`` for SHIFT).
    """
    if spelling is None:
        return Remedy("none")
    if isinstance(spelling, Remedy):
        return spelling
    text = str(spelling).strip()
    try:
        return _parse(text)
    except ValueError as exc:
        raise ValueError(f"debias {text!r}: {exc}") from None


def _parse(text: str) -> Remedy:
    match = _SPELLING.match(text.replace(" ", ""))
    if not text or not match:
        raise ValueError(f"cannot read it; write one of {spellings()}, with options after commas "
                         "(e.g. 'shift:0.5,source=en', 'lir:2,fit=train')")
    family = get_method(match["method"].lower())
    raw = match["parameter"]
    if raw is None and family.parameter is not None:
        raise ValueError(f"{family.name} needs its parameter {family.parameter} ({family.parameter_help}), "
                         f"e.g. '{family.name}:{family.example}'")
    parameter = family.parse_parameter(raw) if raw is not None else None
    valid = (("fit",) if family.fits else ()) + tuple(family.options)
    options: dict[str, str] = {}
    for item in match["options"].split(",")[1:]:
        name, sep, value = item.partition("=")
        name = name.lower()
        if not sep or not name or not value:
            raise ValueError(f"cannot read option {item!r}; write NAME=VALUE, e.g. "
                             f"{(valid[0] + '=' + _example_option(valid[0])) if valid else 'none'}")
        if name not in valid:
            if not valid:
                raise ValueError(f"{family.name} takes no options (got {name!r})")
            close = difflib.get_close_matches(name, valid, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise ValueError(f"unknown option {name!r} of {family.name}; valid options: {', '.join(valid)}{hint}")
        if name in options:
            raise ValueError(f"option {name!r} is given twice")
        options[name] = value.lower() if name == "fit" else value
    return Remedy(family.name, parameter, **options)


def _example_option(name: str) -> str:
    return {"fit": "train", "source": "en"}.get(name, "...")


# ----- statistics and the fitted remedy -------------------------------------------------------------------------
@dataclass(frozen=True)
class Statistics:
    """Estimated statistics of one family: one entry of ``table`` per language.

    Attributes:
        languages: languages with statistics, in ``table`` order.
        table: float32, ``(L, d)`` (means, language vectors) or ``(L, d, k)`` (LIR's directions).
        unchanged: languages deliberately left as they are (SHIFT's source language): covered, never transformed.
        counts: how many texts (or pairs) each language's statistics came from.
    """

    languages: tuple[str, ...]
    table: np.ndarray
    unchanged: tuple[str, ...] = ()
    counts: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        table = np.ascontiguousarray(self.table, dtype=np.float32)
        if table.ndim not in (2, 3) or table.shape[0] != len(self.languages):
            raise ValueError(f"statistics table of shape {table.shape} for {len(self.languages)} languages")
        if len(set(self.languages)) != len(self.languages):
            raise ValueError(f"languages repeat in statistics: {self.languages}")
        object.__setattr__(self, "table", table)
        object.__setattr__(self, "counts", tuple(int(c) for c in self.counts) or (0,) * len(self.languages))

    @property
    def covered(self) -> tuple[str, ...]:
        """Languages the remedy knows what to do with (transformed, or left as they are on purpose)."""
        return tuple(sorted(set(self.languages) | set(self.unchanged)))


@dataclass
class FittedRemedy:
    """A remedy with its estimated statistics: transforms candidate and query embeddings.

    Languages without statistics are left exactly as they are; they are collected in :attr:`missing_languages`
    (a warning names each once). The transforms of ``none`` and SHIFT's query transform change nothing and return
    their input array itself; every other transform returns a new float32 array.

    Attributes:
        remedy: the remedy (its parameter is applied; the statistics do not depend on it).
        statistics: per-language statistics.
        fit_label: ``"index"``, ``"<dataset name>@<fingerprint>"`` of the estimation data, or ``""`` for ``none``.
        candidate_text: the candidate text mode the statistics were estimated with (None when not from texts).
        evaluated_languages: languages of the evaluated data: given at fit time, plus those met in transforms.
    """

    remedy: Remedy
    statistics: Statistics
    fit_label: str = ""
    candidate_text: str | None = None
    evaluated_languages: set[str] = field(default_factory=set)
    _codes: dict[str, int] = field(default_factory=dict, init=False, repr=False)
    _warned: set[str] = field(default_factory=set, init=False, repr=False)

    def __post_init__(self) -> None:
        self._codes = {lang: i for i, lang in enumerate(self.statistics.languages)}
        self.evaluated_languages = set(self.evaluated_languages)
        self._warn_missing(self.evaluated_languages)

    # ----- what it covers ---------------------------------------------------------------------------------------
    @property
    def covered_languages(self) -> tuple[str, ...]:
        """Languages with statistics (or left unchanged on purpose), sorted."""
        return self.statistics.covered

    @property
    def missing_languages(self) -> tuple[str, ...]:
        """Languages met (at fit time or in a transform) that have no statistics and were left unchanged, sorted."""
        if self.remedy.is_identity:
            return ()
        return tuple(sorted(self.evaluated_languages - set(self.covered_languages)))

    def identity(self) -> dict[str, str]:
        """What goes into results columns: ``debias`` (spelling), ``debias_fit``, ``covered`` and ``missing``
        (comma-separated, sorted languages; ``covered`` only lists languages of the evaluated data when known)."""
        covered = self.covered_languages
        if self.evaluated_languages:
            covered = tuple(lang for lang in covered if lang in self.evaluated_languages)
        return {"debias": str(self.remedy), "debias_fit": self.fit_label,
                "covered": "" if self.remedy.is_identity else ",".join(covered),
                "missing": ",".join(self.missing_languages)}

    def with_remedy(self, remedy: str | Remedy) -> FittedRemedy:
        """The same statistics with another parameter (``lir:1`` -> ``lir:3``, ``shift:0.5`` -> ``shift:1``).

        Raises:
            ValueError: ``remedy`` needs other statistics (another family, fit or source).
        """
        remedy = parse_remedy(remedy)
        if remedy.statistics_key() != self.remedy.statistics_key():
            raise ValueError(f"statistics of {self.remedy} do not serve {remedy}: fit {remedy} itself")
        return FittedRemedy(remedy, self.statistics, self.fit_label, self.candidate_text, set(self.evaluated_languages))

    # ----- transforms ---------------------------------------------------------------------------------------------
    def transform_candidates(self, embeddings: np.ndarray, languages: Sequence[str] | np.ndarray) -> np.ndarray:
        """Candidate embeddings with the remedy applied (one language per row)."""
        return self._transform(embeddings, languages)

    def transform_queries(self, embeddings: np.ndarray, languages: Sequence[str] | np.ndarray) -> np.ndarray:
        """Query embeddings with the remedy applied where the family says so (by the query's language)."""
        if not self.remedy.family.transforms_queries:
            return embeddings
        return self._transform(embeddings, languages)

    def _transform(self, embeddings: np.ndarray, languages: Sequence[str] | np.ndarray) -> np.ndarray:
        if self.remedy.is_identity:
            return embeddings
        matrix = np.asarray(embeddings)
        if matrix.ndim != 2:
            raise ValueError(f"embeddings must be a (n, d) array, got shape {matrix.shape}")
        langs = np.asarray(languages)
        if langs.shape != (matrix.shape[0],):
            raise ValueError(f"{langs.size} languages for {matrix.shape[0]} embeddings")
        table = self.statistics.table
        if matrix.shape[0] and table.shape[0] and matrix.shape[1] != table.shape[1]:
            raise ValueError(f"embeddings of dimension {matrix.shape[1]}, statistics of dimension {table.shape[1]} "
                             f"(fitted for another encoder?)")
        out = np.array(matrix, dtype=np.float32, copy=True)
        if not matrix.shape[0]:
            return out
        present, inverse = np.unique(langs, return_inverse=True)
        present = [str(lang) for lang in present]
        self._warn_missing(present)
        group_code = np.array([self._codes.get(lang, -1) for lang in present], dtype=np.int64)
        codes = group_code[inverse.reshape(-1)]
        rows = np.flatnonzero(codes >= 0)
        if rows.size:
            changed = self.remedy.family.apply(out[rows], codes[rows], table, self.remedy)
            out[rows] = normalise_rows(changed)
        return out

    def _warn_missing(self, languages: Sequence[str] | set[str]) -> None:
        if self.remedy.is_identity:
            return
        self.evaluated_languages.update(languages)
        covered = set(self.covered_languages)
        new = sorted(set(languages) - covered - self._warned)
        if new:
            self._warned.update(new)
            log.warning("debias %s: no statistics for %s (fit %s covers %s); their embeddings are left unchanged",
                        self.remedy, ", ".join(new), self.fit_label or "-", ", ".join(sorted(covered)) or "nothing")


def normalise_rows(matrix: np.ndarray) -> np.ndarray:
    """Rows scaled to unit L2 length, in place when ``matrix`` is float32 (a zero row stays zero)."""
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    matrix /= np.where(norms > 0, norms, 1.0).astype(np.float32)
    return matrix


def check_number(value: Any, *, integer: bool) -> int | float:
    """``value`` (a number or its spelling) as an int or a finite float; raises ``ValueError`` without context."""
    if isinstance(value, str):
        text = value.strip()
        try:
            number: int | float = int(text) if integer else float(text)
        except ValueError:
            raise ValueError(f"got {value!r}") from None
    elif isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise ValueError(f"got {value!r}")
    else:
        number = value
    if integer:
        if isinstance(number, float | np.floating) and not float(number).is_integer():
            raise ValueError(f"got {value!r}")
        return int(number)
    if not math.isfinite(float(number)):
        raise ValueError(f"got {value!r}")
    return float(number)
