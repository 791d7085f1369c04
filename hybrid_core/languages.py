"""Language codes as the ecosystem writes them, one canonical code each; language-pair lists.

Accepted spellings (read by the ``langcodes`` library, case and ``_``/``-`` do not matter):

============================== ===================== ===============================================
written                        canonical             why
============================== ===================== ===============================================
``de``, ``deu``, ``ger``       ``de``                ISO 639-1 where it exists (639-2/3 mapped to it)
``deu-Latn``, ``deu_Latn``     ``de``                Latin is German's only usual script
``eng_Latn``, ``eng-US``       ``en``                (a region is dropped, with a note)
``pt-BR``, ``pt-PT``           ``pt``                region dropped, with a note
``zh``                         ``zh``                a bare code stays as it is
``zh-Hans``, ``zho_Hans``      ``zh-Hans``           Chinese is written in two scripts: kept
``zh-Hant``, ``zh-TW``         ``zh-Hant``           a region implies its script where that matters
``sr-Latn`` / ``sr-Cyrl``      ``sr-Latn``/``sr-Cyrl`` as for Chinese
``cmn``, ``arb``, ``swh``      ``zh``, ``ar``, ``sw`` an individual language folds into its macrolanguage
                                                     (CLDR's rule, as FLORES/MTEB codes need)
============================== ===================== ===============================================

The canonical code is ``language[-Script]``: the shortest language subtag, and a script subtag only where it
tells written forms of one language apart. The knowledge comes from ``langcodes`` (CLDR and the IANA subtag
registry), not from a table of ours: a script is dropped when it is the language's default script (the
registry's Suppress-Script, ``langcodes``' ``DEFAULT_SCRIPTS``), or when CLDR's likely subtags give the language
a single script and say the script belongs to it (``kor_Hang`` -> ``ko``). A language whose likely subtags name
several scripts (``zh``, ``sr``, ``uz``, ``az``, ...) keeps any script given or implied by a region. A bare code
(``zh``, ``sr``) stays bare, so XQuAD-R / MLQA-R / MIRACL codes are exactly what they always were.

Unknown codes (not a language per ``langcodes``: ``xx``, ``qqq`` (private use), ``und``, ``english1``) raise
:class:`UnknownLanguageError` naming the closest known codes and a match by English name
(``"German"`` -> ``'de'``).

The 2-letter codes of :data:`LANGUAGE_NAMES` (the ~100 languages of XLM-R / multilingual-e5) and their ISO
639-2/3 spellings always map to that code: ``tl``/``tgl`` stay ``tl`` (``langcodes`` would rename Tagalog to
Filipino ``fil``, a CLDR alias).

Example:
    >>> [validate_language(c) for c in ("de", "deu_Latn", "pt-BR", "zh-Hant", "eng_Latn")]
    ['de', 'de', 'pt', 'zh-Hant', 'en']
    >>> parse_language("pt-BR").note
    "language code 'pt-BR' is read as 'pt' (region BR dropped)"
"""

from __future__ import annotations

import contextlib
import difflib
import functools
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import langcodes
from langcodes.data_dicts import DEFAULT_SCRIPTS, LIKELY_SUBTAGS
from langcodes.tag_parser import LanguageTagError

log = logging.getLogger(__name__)

#: Languages of XQuAD-R, in the order of the LAReQA paper.
XQUAD_R_LANGUAGES: tuple[str, ...] = ("ar", "de", "el", "en", "es", "hi", "ru", "th", "tr", "vi", "zh")
#: Languages of MLQA-R.
MLQA_R_LANGUAGES: tuple[str, ...] = ("ar", "de", "en", "es", "hi", "vi", "zh")
#: Languages of MIRACL v1.0.
MIRACL_LANGUAGES: tuple[str, ...] = (
    "ar", "bn", "de", "en", "es", "fa", "fi", "fr", "hi", "id", "ja", "ko", "ru", "sw", "te", "th", "yo", "zh",
)

#: ISO 639-1 code -> English name, for the languages XLM-R was trained on (plus a few of MIRACL's): the codes
#: suggested for a typo, and the names printed in tables (other codes are named by ``langcodes``).
LANGUAGE_NAMES: dict[str, str] = {
    "af": "Afrikaans", "am": "Amharic", "ar": "Arabic", "as": "Assamese", "az": "Azerbaijani",
    "be": "Belarusian", "bg": "Bulgarian", "bn": "Bengali", "br": "Breton", "bs": "Bosnian",
    "ca": "Catalan", "cs": "Czech", "cy": "Welsh", "da": "Danish", "de": "German", "el": "Greek",
    "en": "English", "eo": "Esperanto", "es": "Spanish", "et": "Estonian", "eu": "Basque",
    "fa": "Persian", "fi": "Finnish", "fr": "French", "fy": "Western Frisian", "ga": "Irish",
    "gd": "Scottish Gaelic", "gl": "Galician", "gu": "Gujarati", "ha": "Hausa", "he": "Hebrew",
    "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian", "hy": "Armenian", "id": "Indonesian",
    "is": "Icelandic", "it": "Italian", "ja": "Japanese", "jv": "Javanese", "ka": "Georgian",
    "kk": "Kazakh", "km": "Khmer", "kn": "Kannada", "ko": "Korean", "ku": "Kurdish", "ky": "Kyrgyz",
    "la": "Latin", "lo": "Lao", "lt": "Lithuanian", "lv": "Latvian", "mg": "Malagasy",
    "mk": "Macedonian", "ml": "Malayalam", "mn": "Mongolian", "mr": "Marathi", "ms": "Malay",
    "my": "Burmese", "ne": "Nepali", "nl": "Dutch", "no": "Norwegian", "om": "Oromo", "or": "Odia",
    "pa": "Punjabi", "pl": "Polish", "ps": "Pashto", "pt": "Portuguese", "ro": "Romanian",
    "ru": "Russian", "sa": "Sanskrit", "sd": "Sindhi", "si": "Sinhala", "sk": "Slovak",
    "sl": "Slovenian", "so": "Somali", "sq": "Albanian", "sr": "Serbian", "su": "Sundanese",
    "sv": "Swedish", "sw": "Swahili", "ta": "Tamil", "te": "Telugu", "th": "Thai", "tl": "Tagalog",
    "tr": "Turkish", "ug": "Uyghur", "uk": "Ukrainian", "ur": "Urdu", "uz": "Uzbek",
    "vi": "Vietnamese", "xh": "Xhosa", "yi": "Yiddish", "yo": "Yoruba", "zh": "Chinese",
}

#: language subtags that name no language: undetermined, multiple, uncoded, no linguistic content.
_NOT_A_LANGUAGE = frozenset({"und", "mul", "mis", "zxx"})
_LANGUAGE_SUBTAG = re.compile(r"^[a-z]{2,3}$")
_EXPECTED = "a language code such as 'en', 'deu', 'pt-BR', 'zh-Hant' or 'eng_Latn'"


class UnknownLanguageError(ValueError):
    """A language code that ``langcodes`` does not know as a language."""


@dataclass(frozen=True)
class LanguageCode:
    """One language code as written and as read.

    Attributes:
        code: the code as written (``"eng_Latn"``).
        tag: the BCP-47 tag it spells, normalised by ``langcodes`` (``"en-Latn"``): two codes with the same tag
            are one code written two ways (``deu`` and ``de``); two tags with one canonical code *fold* into it.
        canonical: the code used in datasets and results (``"en"``).
        dropped: what reading it dropped that could mean something: ``("region US",)``; a redundant script
            is not listed (it says nothing the language does not).
    """

    code: str
    tag: str
    canonical: str
    dropped: tuple[str, ...] = ()

    @property
    def note(self) -> str | None:
        """A sentence saying what was dropped, or None when nothing was."""
        if not self.dropped:
            return None
        return f"language code {self.code!r} is read as {self.canonical!r} ({', '.join(self.dropped)} dropped)"


@functools.cache
def _registry_alpha3() -> dict[str, str]:
    """ISO 639-2/T, 639-2/B and 639-3 spellings of the :data:`LANGUAGE_NAMES` codes -> that code."""
    out: dict[str, str] = {}
    for code in LANGUAGE_NAMES:
        language = langcodes.Language.make(language=code)
        for variant in ("T", "B"):
            try:
                out.setdefault(language.to_alpha3(variant), code)
            except LookupError:
                continue
    return out


@functools.cache
def _likely_scripts(language: str) -> frozenset[str]:
    """Scripts CLDR's likely subtags give ``language`` alone, with a script or with a region (``zh``: Hans, Hant...)."""
    scripts = set()
    for key, value in LIKELY_SUBTAGS.items():
        if key == language or key.startswith(language + "-"):
            script = langcodes.Language.get(value, normalize=False).script
            if script:
                scripts.add(script)
    return frozenset(scripts)


@functools.cache
def _likely_script(language: str, territory: str | None = None) -> str | None:
    """The script CLDR finds most likely for ``language`` (in ``territory``)."""
    return langcodes.Language.make(language=language, territory=territory).maximize().script


def _script_is_redundant(language: str, script: str) -> bool:
    """Whether ``script`` says nothing about ``language`` that the language code alone does not.

    True for the language's default script (IANA Suppress-Script, ``langcodes.DEFAULT_SCRIPTS``), and, for a
    language CLDR knows in one script only, for that script or any script whose most likely language it is
    (``ko`` + ``Hang``).
    """
    if DEFAULT_SCRIPTS.get(language) == script:
        return True
    if len(_likely_scripts(language)) > 1:
        return False  # written in several scripts (zh, sr, uz, ...): the script tells them apart
    if script == _likely_script(language):
        return True
    likely = LIKELY_SUBTAGS.get(f"und-{script}")
    return likely is not None and langcodes.Language.get(likely, normalize=False).language == language


def _has_name(language: str) -> bool:
    name = langcodes.Language.make(language=language).language_name()
    return not name.startswith("Unknown language")


def _unknown(code: object, where: str) -> UnknownLanguageError:
    """The error for an unknown code: a match by English name if there is one, else the closest known codes."""
    text = str(code).strip()
    lowered = text.lower().replace("_", "-")
    hints: list[str] = []
    if re.fullmatch(r"[A-Za-z][A-Za-z ]{3,}", text):  # a language name such as "German"
        with contextlib.suppress(LookupError, UnknownLanguageError):
            hints.append(parse_language(langcodes.find(text).to_tag()).canonical)
    if not hints:  # a misspelt name ("english1")
        names = {name.lower(): c for c, name in LANGUAGE_NAMES.items()}
        hints = [names[n] for n in difflib.get_close_matches(lowered, names, n=2, cutoff=0.75)]
    if not hints:
        hints = difflib.get_close_matches(lowered.split("-")[0], LANGUAGE_NAMES, n=3, cutoff=0.4)
    prefix = f"{where}: " if where else ""
    suggestion = f"; did you mean {', '.join(repr(c) for c in dict.fromkeys(hints))}?" if hints else ""
    return UnknownLanguageError(f"{prefix}unknown language code {code!r} (expected {_EXPECTED}){suggestion}")


@functools.lru_cache(maxsize=4096)
def _parse(code: str) -> LanguageCode | None:
    text = code.strip().replace("_", "-")
    if not text:
        return None
    try:
        tag = langcodes.Language.get(text)
        raw = langcodes.Language.get(text, normalize=False)
    except (LanguageTagError, ValueError):
        return None
    if not tag.is_valid() or tag.language is None or not _LANGUAGE_SUBTAG.match(tag.language):
        return None
    raw_language = (raw.language or "").lower()
    if raw_language in LANGUAGE_NAMES or raw_language in _registry_alpha3():
        # our registry's codes are kept, whatever CLDR's aliases say (tl and tgl stay tl, not fil)
        language = _registry_alpha3().get(raw_language, raw_language)
        if language != tag.language:
            tag = tag.update_dict({"language": language})
    else:
        language = tag.prefer_macrolanguage().language or tag.language
    if language in _NOT_A_LANGUAGE or not _has_name(language):
        return None
    script = tag.script
    if script is None and tag.territory:
        script = _likely_script(language, tag.territory)  # zh-TW -> Hant; en-US -> Latn (then redundant)
    if script is not None and _script_is_redundant(language, script):
        script = None
    dropped: list[str] = []
    if tag.territory:
        dropped.append(f"region {tag.territory}")
    dropped += [f"variant {v}" for v in tag.variants or ()]
    dropped += [f"extension {e}" for e in tag.extensions or ()]
    if tag.private:
        dropped.append(f"private use {tag.private}")
    canonical = language if script is None else f"{language}-{script}"
    return LanguageCode(code, tag.to_tag(), canonical, tuple(dropped))


def parse_language(code: str, *, where: str = "") -> LanguageCode:
    """Read a language code (see the module docstring): its tag, canonical code and what was dropped.

    Args:
        code: ISO 639-1/2/3, BCP-47 or MTEB/FLORES-style code (``"de"``, ``"deu"``, ``"de-DE"``, ``"deu_Latn"``).
        where: what the code came from (a file, a field), put into the error message.

    Raises:
        UnknownLanguageError: not a language; the message suggests close codes and a match by English name.
    """
    parsed = _parse(code) if isinstance(code, str) else None
    if parsed is None:
        raise _unknown(code, where)
    return parsed


@functools.cache
def _log_note(note: str) -> None:
    log.info("%s", note)


def validate_language(code: str, *, where: str = "") -> str:
    """Return the canonical code of ``code`` or raise with the closest known codes.

    A region (or variant) that is dropped is logged once (``en-US`` -> ``en``); loaders record it in
    ``dataset.notes``.

    Args:
        code: a language code, e.g. ``"de"``, ``"deu_Latn"``, ``"pt-BR"`` (see the module docstring).
        where: what the code came from (a file, a field), put into the error message.

    Raises:
        UnknownLanguageError: the code is not a language; the message names it and suggests close matches.

    Example:
        >>> validate_language("deu-Latn")
        'de'
    """
    parsed = parse_language(code, where=where)
    if parsed.note:
        _log_note(f"{where}: {parsed.note}" if where else parsed.note)
    return parsed.canonical


def validate_languages(codes: Iterable[str], *, where: str = "") -> tuple[str, ...]:
    """Validate several codes, keeping their order and dropping repeats (after canonicalisation)."""
    seen: dict[str, None] = {}
    for code in codes:
        seen[validate_language(code, where=where)] = None
    return tuple(seen)


def language_name(code: str) -> str:
    """English name of a language code (``"zh-Hant"``: ``"Chinese (Traditional)"``; the code itself when unknown)."""
    if code in LANGUAGE_NAMES:
        return LANGUAGE_NAMES[code]
    parsed = _parse(code) if isinstance(code, str) else None
    if parsed is None:
        return code
    return LANGUAGE_NAMES.get(parsed.canonical) or langcodes.Language.get(parsed.canonical).display_name()


def diagonal_pairs(languages: Sequence[str]) -> list[tuple[str, str]]:
    """Monolingual (X, X) pairs."""
    return [(lang, lang) for lang in languages]


def off_diagonal_pairs(languages: Sequence[str]) -> list[tuple[str, str]]:
    """Cross-lingual (X, Y), X != Y pairs, ordered by X then Y."""
    return [(x, y) for x in languages for y in languages if x != y]


def all_pairs(languages: Sequence[str]) -> list[tuple[str, str]]:
    """Every (query language, candidate language) pair."""
    return [(x, y) for x in languages for y in languages]
