"""The documentation holds together: README.md is a short landing page, and every relative link in README.md and
``docs/**/*.md`` leads to a file that exists (and, for ``#anchor`` links into Markdown, to a heading of it)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from urllib.parse import unquote

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
README_MAX_CHARS = 15_000
#: The two commands of the project (and the CI entry point) that README.md must give verbatim.
COMMANDS = ("bash scripts/app.sh", "bash scripts/test.sh", ".ci/run")

_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_INLINE_LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_REFERENCE_LINK = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$")
_HTML_TARGET = re.compile(r"""<(?:a|img)\b[^>]*?\b(?:href|src)\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
_HTML_ANCHOR = re.compile(r"""<a\b[^>]*?\b(?:name|id)\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
_INLINE_CODE = re.compile(r"(`+)(.+?)\1")


def markdown_files() -> list[Path]:
    """README.md and every Markdown file under docs/."""
    return [README, *sorted((ROOT / "docs").rglob("*.md"))]


def prose_lines(text: str) -> list[str]:
    """The lines of a Markdown text outside fenced code blocks."""
    lines, fenced = [], False
    for line in text.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            lines.append(line)
    return lines


def github_slug(heading: str) -> str:
    """The anchor GitHub gives a heading: the rendered text lower-cased, punctuation dropped, spaces to hyphens
    (github-slugger: every character but letters, marks, numbers, connector punctuation, space and ``-`` goes)."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link or image renders as its text
    text = _INLINE_CODE.sub(r"\2", text)
    text = re.sub(r"<[^>]+>", "", text)  # inline HTML tags
    text = re.sub(r"(\*+|(?<!\w)_+|_+(?!\w))", "", text)  # emphasis markers (not underscores inside words)
    kept = "".join(c for c in text.lower()
                   if c in " -_" or unicodedata.category(c)[0] in "LMN")
    return kept.replace(" ", "-")


def anchors_of(path: Path) -> set[str]:
    """Every anchor a Markdown file offers: its headings' slugs (repeats numbered as GitHub does) and HTML anchors."""
    anchors: set[str] = set()
    seen: dict[str, int] = {}
    for line in prose_lines(path.read_text(encoding="utf-8")):
        anchors.update(_HTML_ANCHOR.findall(line))
        match = _HEADING.match(line)
        if not match:
            continue
        slug = github_slug(match.group(2))
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        anchors.add(slug if count == 0 else f"{slug}-{count}")
    return anchors


def link_targets(path: Path) -> list[tuple[int, str]]:
    """(line number, target) of every link, image and HTML href/src of a Markdown file, outside code."""
    targets = []
    fenced = False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            continue
        line = _INLINE_CODE.sub("", line)
        found = _INLINE_LINK.findall(line) + _HTML_TARGET.findall(line)
        reference = _REFERENCE_LINK.match(line)
        if reference:
            found.append(reference.group(1))
        targets.extend((number, target) for target in found)
    return targets


def broken_links(path: Path) -> list[str]:
    """Every relative link of ``path`` whose file, or whose ``#anchor`` in a Markdown file, does not exist."""
    problems = []
    for number, target in link_targets(path):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.IGNORECASE):  # http:, https:, mailto: ...
            continue
        file_part, _, anchor = target.partition("#")
        destination = (path.parent / unquote(file_part)).resolve() if file_part else path
        where = f"{path.relative_to(ROOT)}:{number}: {target}"
        inside = destination == ROOT or ROOT in destination.parents
        if not inside:
            problems.append(f"{where}: leads outside the repository ({destination})")
        elif not destination.exists():
            problems.append(f"{where}: {destination.relative_to(ROOT)} does not exist")
        elif anchor and destination.suffix == ".md":
            anchors = anchors_of(destination)
            if unquote(anchor) not in anchors:
                problems.append(f"{where}: no heading with anchor #{anchor} in {destination.relative_to(ROOT)} "
                                f"(anchors: {', '.join(sorted(anchors))})")
    return problems


def test_readme_is_a_short_landing_page():
    text = README.read_text(encoding="utf-8")
    assert len(text) <= README_MAX_CHARS, f"README.md has {len(text):,} characters; the limit is {README_MAX_CHARS:,}"


@pytest.mark.parametrize("command", COMMANDS)
def test_readme_gives_the_commands_verbatim(command):
    assert command in README.read_text(encoding="utf-8"), f"README.md does not mention `{command}`"


def test_every_relative_link_resolves():
    files = markdown_files()
    assert len(files) > 5, "expected README.md and the pages under docs/"
    problems = [problem for path in files for problem in broken_links(path)]
    assert not problems, "broken links:\n" + "\n".join(problems)


def test_readme_links_every_docs_page():
    """Each page under docs/ (the generated report folders aside) is reachable from the README."""
    linked = {(README.parent / target.partition("#")[0]).resolve()
              for _, target in link_targets(README) if not target.startswith(("http:", "https:"))}
    pages = {p.resolve() for p in (ROOT / "docs").glob("*.md")} | {(ROOT / "docs" / "results" / "README.md").resolve()}
    missing = sorted(str(p.relative_to(ROOT)) for p in pages - linked)
    assert not missing, f"docs pages not linked from README.md: {missing}"


@pytest.mark.parametrize(("heading", "slug"), [
    ("Sweeps: the α curve", "sweeps-the-α-curve"),
    ("The `data` command", "the-data-command"),
    ("[Phase A](x.md): α ∈ {0, 0.5, 1} at 100 and 300 steps", "phase-a-α--0-05-1-at-100-and-300-steps"),
    ("**Bold** and _emphasis_ in snake_case", "bold-and-emphasis-in-snake_case"),
    ("XQuAD-R → MLQA-R, 3 seeds", "xquad-r--mlqa-r-3-seeds"),
])
def test_github_slug(heading, slug):
    assert github_slug(heading) == slug


def test_the_link_checker_finds_broken_links(tmp_path, monkeypatch):
    """The checker itself: a missing file, a missing anchor and a good anchor, in prose and not in code."""
    monkeypatch.setitem(globals(), "ROOT", tmp_path)
    (tmp_path / "page.md").write_text("# Sweeps: the α curve\n\n## Archives\n\n## Archives\n", encoding="utf-8")
    doc = tmp_path / "doc.md"
    doc.write_text(
        "See [the curve](page.md#sweeps-the-α-curve), [again](page.md#archives-1), [self](#top).\n"
        "# Top\n"
        "[gone](missing.md) and ![figure](img/none.png) and [bad anchor](page.md#nowhere)\n"
        "`[in code](missing-too.md)` and [web](https://example.org/x.md) and [out](../outside.md)\n"
        "```\n[in a block](missing-three.md)\n```\n",
        encoding="utf-8")
    problems = broken_links(doc)
    assert len(problems) == 4, problems
    assert "missing.md does not exist" in problems[0]
    assert "img/none.png does not exist" in problems[1]
    assert "no heading with anchor #nowhere" in problems[2] and "archives-1" in problems[2]
    assert "../outside.md: leads outside the repository" in problems[3]


MACHINE_PATH = re.compile(r"(?<![\w.])/(?:root|home|work|tmp|Users|mnt|data)/")


def test_published_results_carry_no_machine_paths():
    """Committed results say what they were computed on (a dataset's name, a model's portable name), never where
    it lay on one machine: text files, the rows and the attrs of every archived parquet."""
    import pyarrow.parquet as pq

    found = []
    for path in sorted((ROOT / "docs" / "results").rglob("*")):
        if path.suffix in (".csv", ".json", ".md", ".html") and MACHINE_PATH.search(path.read_text(encoding="utf-8")):
            found.append(str(path.relative_to(ROOT)))
        elif path.suffix == ".parquet":
            metadata = pq.read_metadata(path).metadata or {}
            models = pq.read_table(path, columns=["model"]).column("model").unique().to_pylist()
            if MACHINE_PATH.search(metadata.get(b"PANDAS_ATTRS", b"").decode()) or any(
                    MACHINE_PATH.search(str(m)) for m in models):
                found.append(str(path.relative_to(ROOT)))
    assert not found, f"machine paths in published results: {found}"
