"""Language codes: every spelling of the ecosystem reads to one canonical code; unknown codes get hints."""

from __future__ import annotations

import pytest

from hybrid_core.languages import (
    LANGUAGE_NAMES,
    MIRACL_LANGUAGES,
    MLQA_R_LANGUAGES,
    XQUAD_R_LANGUAGES,
    UnknownLanguageError,
    language_name,
    parse_language,
    validate_language,
    validate_languages,
)

# (written, canonical, dropped)
CANONICAL = [
    ("de", "de", ()),
    ("deu", "de", ()),
    ("ger", "de", ()),
    ("DE", "de", ()),
    ("de-DE", "de", ("region DE",)),
    ("deu-Latn", "de", ()),
    ("deu_Latn", "de", ()),
    ("eng_Latn", "en", ()),
    ("eng-US", "en", ("region US",)),
    ("en_us", "en", ("region US",)),
    ("en-Latn-US", "en", ("region US",)),
    ("pt-BR", "pt", ("region BR",)),
    ("pt-PT", "pt", ("region PT",)),
    ("zh", "zh", ()),
    ("zh-Hans", "zh-Hans", ()),
    ("zho_Hans", "zh-Hans", ()),
    ("zh-Hant", "zh-Hant", ()),
    ("zh-TW", "zh-Hant", ("region TW",)),  # the region implies the script, which Chinese needs
    ("zh-CN", "zh-Hans", ("region CN",)),
    ("cmn", "zh", ()),  # individual language -> macrolanguage (CLDR)
    ("sr", "sr", ()),
    ("sr-Latn", "sr-Latn", ()),
    ("sr-Cyrl", "sr-Cyrl", ()),
    ("sr-ME", "sr-Latn", ("region ME",)),
    ("kor_Hang", "ko", ()),  # Hangul is Korean's script (CLDR: und-Hang -> ko)
    ("jpn_Jpan", "ja", ()),
    ("arb_Arab", "ar", ()),
    ("swh_Latn", "sw", ()),
    ("yor_Latn", "yo", ()),
    ("pan_Guru", "pa", ()),
    ("pa-PK", "pa-Arab", ("region PK",)),
    ("yi-Latn", "yi-Latn", ()),  # not Yiddish's usual script: kept
    ("iw", "he", ()),  # deprecated codes
    ("in", "id", ()),
    ("tl", "tl", ()),  # not renamed to fil: our registry's codes stay
    ("tgl", "tl", ()),
    ("de-CH-1996", "de", ("region CH", "variant 1996")),
]


@pytest.mark.parametrize(("written", "canonical", "dropped"), CANONICAL)
def test_canonical(written: str, canonical: str, dropped: tuple[str, ...]) -> None:
    parsed = parse_language(written)
    assert (parsed.canonical, parsed.dropped) == (canonical, dropped)
    assert validate_language(written) == canonical
    if dropped:
        assert parsed.note == f"language code {written!r} is read as {canonical!r} ({', '.join(dropped)} dropped)"
    else:
        assert parsed.note is None


def test_plain_codes_of_the_datasets_are_unchanged() -> None:
    for code in {*XQUAD_R_LANGUAGES, *MLQA_R_LANGUAGES, *MIRACL_LANGUAGES, *LANGUAGE_NAMES}:
        assert validate_language(code) == code, code
        assert parse_language(code).dropped == ()


def test_tags_tell_spellings_from_folds() -> None:
    """One tag written two ways (de, deu) is one code; two tags with one canonical code fold (en, en-US)."""
    assert parse_language("deu").tag == parse_language("de").tag == "de"
    assert parse_language("eng_Latn").tag == parse_language("en-latn").tag == "en-Latn"
    assert parse_language("en-US").tag != parse_language("en").tag
    assert parse_language("en-US").canonical == parse_language("en").canonical


@pytest.mark.parametrize(("code", "hint"), [
    ("xx", "did you mean 'xh'"),
    ("qqq", None),  # private use: not a language
    ("und", None),
    ("mul", None),
    ("english1", "did you mean 'en'?"),
    ("German", "did you mean 'de'?"),
    ("Chinese", "did you mean 'zh'?"),
    ("", None),
    ("x-foo", None),
    ("en-", None),
])
def test_unknown(code: str, hint: str | None) -> None:
    with pytest.raises(UnknownLanguageError, match=f"here: unknown language code {code!r}") as info:
        validate_language(code, where="here")
    if hint:
        assert hint in str(info.value)


def test_non_strings_are_unknown() -> None:
    for value in (None, 5, 1.5):
        with pytest.raises(UnknownLanguageError, match=f"unknown language code {value!r}"):
            validate_language(value)  # type: ignore[arg-type]


def test_validate_languages_dedups_after_canonicalisation() -> None:
    assert validate_languages(["de", "deu_Latn", "en", "en-GB", "zh-Hant"]) == ("de", "en", "zh-Hant")


def test_language_name() -> None:
    assert language_name("de") == "German"
    assert language_name("tl") == "Tagalog"
    assert language_name("zh-Hant") == "Chinese (Traditional)"
    assert language_name("yue") == "Cantonese"
    assert language_name("deu") == "German"
    assert language_name("xx") == "xx"


def test_region_note_is_logged_once(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level("INFO", logger="hybrid_core.languages"):
        validate_language("es-MX", where="TrainConfig.languages")
        validate_language("es-MX", where="TrainConfig.languages")
    notes = [r.getMessage() for r in caplog.records if "es-MX" in r.getMessage()]
    assert notes == ["TrainConfig.languages: language code 'es-MX' is read as 'es' (region MX dropped)"]
