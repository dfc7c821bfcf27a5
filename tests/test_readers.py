"""Readers: every supported form, and bad input reported by file and line without stopping."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from etl import readers
from etl.models import Article, ReadProblem
from etl.readers import read_path


def split(results) -> tuple[list[Article], list[ReadProblem]]:
    results = list(results)
    return [r for r in results if isinstance(r, Article)], [r for r in results if isinstance(r, ReadProblem)]


def test_jsonl_reads_keys_and_keeps_good_lines_around_bad_ones(tmp_path: Path) -> None:
    f = tmp_path / "feed.jsonl"
    f.write_bytes(
        b'{"id": 7, "text": "First.", "url": "https://x/1", "title": "T", "publisher": "P", "published": "2022-06-01"}\n'
        b'{"text": "Second", "published": \n'
        b"\n"
        b'{"title": "no text"}\n'
        b'{"text": "Bad date.", "published": "June 5"}\n'
        b'{"text": "Bad bytes \xff here"}\n'
        b'["not", "an", "object"]\n'
        b'{"text": "Last.", "published": "2022-06-02T23:30:00+03:00"}\n'
    )
    articles, problems = split(read_path(f))
    # Line 6 is not UTF-8: it is decoded as Windows-1252 rather than rejected.
    assert [a.text for a in articles] == ["First.", "Bad bytes \u00ff here", "Last."]
    assert [a.line for a in articles] == [1, 6, 8]
    first = articles[0]
    assert (first.source_id, first.url, first.title, first.publisher, first.published) == (
        "7", "https://x/1", "T", "P", date(2022, 6, 1))
    assert articles[2].published == date(2022, 6, 2) and not articles[2].published_inferred
    assert all(a.origin == str(f) for a in articles)
    assert [(p.line, p.origin) for p in problems] == [(2, str(f)), (4, str(f)), (5, str(f)), (7, str(f))]
    messages = [str(p) for p in problems]
    assert messages[0].startswith(f"{f}:2: malformed JSON")
    assert '"text"' in messages[1]
    assert "June 5" in messages[2] and "ISO 8601" in messages[2]
    assert "not a JSON object" in messages[3]


def test_text_with_front_matter(tmp_path: Path) -> None:
    f = tmp_path / "a.md"
    f.write_text(
        "---\ntitle: A title\nurl: https://x/a\npublisher: Wire\npublished: 2022-06-01\nid: a1\n---\n\nBody 12 killed.\n",
        encoding="utf-8",
    )
    [article] = read_path(f)
    assert article == Article(
        text="Body 12 killed.", origin=str(f), url="https://x/a", title="A title",
        publisher="Wire", published=date(2022, 6, 1), source_id="a1", text_source="body",
    )


def test_plain_text_with_bom_and_crlf(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(b"\xef\xbb\xbfLine one.\r\nLine two.\r\n")
    [article] = read_path(f)
    assert article.text == "Line one.\nLine two." and article.published is None


@pytest.mark.parametrize(
    ("name", "content", "message", "line"),
    [
        ("empty.txt", b"", "file is empty", None),
        ("blank.md", b"  \n\n", "file is empty", None),
        ("empty.jsonl", b"", "file is empty", None),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary file", None),
        ("undecodable.txt", b"line one\n" + bytes(range(0x80, 0x100)) * 3 + b"\n", "undecodable text", 2),
        ("controls.txt", bytes(range(1, 9)) * 40 + b"abc", "binary file", None),
        ("nul.jsonl", b'{"text": "a"}\n\x00\x01\x02\x03\xff\xfe\x00\x00', "binary file", None),
        ("nofm.md", b"---\ntitle: x\nbody never closes\n", "never closed", 1),
        ("badyaml.md", b"---\ntitle: [unclosed\n---\nbody\n", "bad YAML front matter", None),
        ("listfm.md", b"---\n- a\n- b\n---\nbody\n", "not a mapping", 2),
        ("baddate.md", b"---\ntitle: x\npublished: last week\n---\nbody\n", "bad \"published\" date", 3),
        ("onlyfm.md", b"---\ntitle: x\n---\n\n", "article text is empty", None),
    ],
)
def test_bad_files_are_problems_naming_file_and_line(
    tmp_path: Path, name: str, content: bytes, message: str, line: int | None
) -> None:
    f = tmp_path / name
    f.write_bytes(content)
    [problem] = read_path(f)
    assert isinstance(problem, ReadProblem)
    assert problem.origin == str(f) and message in problem.message
    if line is not None:
        assert problem.line == line and str(problem).startswith(f"{f}:{line}: ")


def test_missing_path_and_unsupported_file(tmp_path: Path) -> None:
    [missing] = read_path(tmp_path / "nowhere")
    assert isinstance(missing, ReadProblem) and "no such file" in missing.message
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF")
    [unsupported] = read_path(pdf)
    assert isinstance(unsupported, ReadProblem) and "'.pdf'" in unsupported.message and ".jsonl" in unsupported.message


def test_folders_are_walked_sorted_skipping_unknown_and_hidden(tmp_path: Path) -> None:
    (tmp_path / "z.txt").write_text("zed")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("bee")
    (tmp_path / "a.txt").write_text("ay")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / ".hidden.txt").write_text("hidden")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("git")
    texts = [a.text for a in read_path(tmp_path)]
    assert texts == ["ay", "zed", "bee"]  # files of a folder, then its subfolders, all sorted
    assert texts == [a.text for a in read_path(tmp_path)]


def test_registry_takes_new_readers_without_pipeline_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def read_upper(path: Path, options: readers.ReadOptions) -> Iterator[Article]:
        yield Article(text=path.read_text().upper(), origin=str(path))

    monkeypatch.setitem(readers.READERS, ".shout", read_upper)
    (tmp_path / "a.shout").write_text("hello")
    assert [a.text for a in read_path(tmp_path)] == ["HELLO"]
