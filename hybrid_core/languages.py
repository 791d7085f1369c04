"""Language codes: validation with closest-match hints, and language-pair lists.

Codes are ISO 639-1 (two letters) as used by XQuAD-R, MLQA-R and MIRACL. The registry is
deliberately broad (the ~100 languages of XLM-R / multilingual-e5) so users' own data works;
an unknown code is refused with the closest known codes named.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

#: Languages of XQuAD-R, in the order of the LAReQA paper.
XQUAD_R_LANGUAGES: tuple[str, ...] = ("ar", "de", "el", "en", "es", "hi", "ru", "th", "tr", "vi", "zh")
#: Languages of MLQA-R.
MLQA_R_LANGUAGES: tuple[str, ...] = ("ar", "de", "en", "es", "hi", "vi", "zh")
#: Languages of MIRACL v1.0.
MIRACL_LANGUAGES: tuple[str, ...] = (
    "ar", "bn", "de", "en", "es", "fa", "fi", "fr", "hi", "id", "ja", "ko", "ru", "sw", "te", "th", "yo", "zh",
)

#: ISO 639-1 code -> English name, for the languages XLM-R was trained on (plus a few of MIRACL's).
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


class UnknownLanguageError(ValueError):
    """A language code that is not in :data:`LANGUAGE_NAMES`."""


def validate_language(code: str, *, where: str = "") -> str:
    """Return ``code`` normalised (lower case, stripped) or raise with the closest known codes.

    Args:
        code: an ISO 639-1 code such as ``"de"``.
        where: what the code came from (a file, a field), put into the error message.

    Raises:
        UnknownLanguageError: the code is not known; the message names it and suggests close matches.
    """
    normalised = str(code).strip().lower().replace("_", "-").split("-")[0]
    if normalised in LANGUAGE_NAMES:
        return normalised
    close = difflib.get_close_matches(normalised, LANGUAGE_NAMES, n=3, cutoff=0.4)
    by_name = [c for c, name in LANGUAGE_NAMES.items() if name.lower() == str(code).strip().lower()]
    hint = by_name or close
    prefix = f"{where}: " if where else ""
    suggestion = f"; did you mean {', '.join(repr(c) for c in hint)}?" if hint else ""
    raise UnknownLanguageError(
        f"{prefix}unknown language code {code!r} (expected an ISO 639-1 code such as 'en', 'de', 'zh'){suggestion}"
    )


def validate_languages(codes: Iterable[str], *, where: str = "") -> tuple[str, ...]:
    """Validate several codes, keeping their order and dropping repeats."""
    seen: dict[str, None] = {}
    for code in codes:
        seen[validate_language(code, where=where)] = None
    return tuple(seen)


def language_name(code: str) -> str:
    """English name of a language code (the code itself when unknown)."""
    return LANGUAGE_NAMES.get(code, code)


def diagonal_pairs(languages: Sequence[str]) -> list[tuple[str, str]]:
    """Monolingual (X, X) pairs."""
    return [(lang, lang) for lang in languages]


def off_diagonal_pairs(languages: Sequence[str]) -> list[tuple[str, str]]:
    """Cross-lingual (X, Y), X != Y pairs, ordered by X then Y."""
    return [(x, y) for x in languages for y in languages if x != y]


def all_pairs(languages: Sequence[str]) -> list[tuple[str, str]]:
    """Every (query language, candidate language) pair."""
    return [(x, y) for x in languages for y in languages]
