"""`talenthub check` on a catalogue of thousands of materials with many problems: every one told
at its line, in the order of the file, whatever the file holds that looks like a header or a
key; the lines are known from how the file was written, not from talenthub."""

from __future__ import annotations

from typing import TYPE_CHECKING

from talenthub_cli.cli.errors import ExitCode
from tests.conftest import run

if TYPE_CHECKING:
    from pathlib import Path

COUNT = 2500  # more than one piece of the thousand materials that a large file is read in

NO_DATE = 'has no date (add the EDTF date it appeared, e.g. date = "2024-05")'
NO_CONTACT = 'has no contact (name whom to ask about it: contacts = ["…"])'
NO_SOURCE = "has no source (add the web address where its facts come from)"
UNNAMED = (
    "is named by no material or event (add it to the contacts of what it is about, or remove it)"
)


def _catalogue(bad_date_every: int = 0) -> tuple[str, list[tuple[int, str]], list[int]]:
    """A catalogue's text, its warnings as (line, what the line says after file:line), and the
    lines of the dates that are wrong (every `bad_date_every`-th material's, if not 0)."""
    lines = ["schema = 1", "", "[project]", 'id = "p"', 'title = "P"', ""]
    warnings: list[tuple[int, str]] = []
    bad: list[int] = []
    for name in ("ana", "ben", "nobody"):
        lines += ["[[contacts]]", f'id = "{name}"', f'name = "{name.title()}"', ""]
        if name == "nobody":
            warnings.append((len(lines) - 2, f"warning: contact 'nobody': {UNNAMED}"))
    for number in range(COUNT):
        identifier = f"m-{number:05d}"
        lines.append("[[materials]]")
        id_line = len(lines) + 1
        lines += [f'id = "{identifier}"', f'title = "Material {number}"', 'type = "report"']
        if number % 3:
            if bad_date_every and number % bad_date_every == 0:
                lines.append('date = "2024-13"')
                bad.append(len(lines))
            else:
                lines.append('date = "2024-05"')
        if number % 5 == 0:  # a summary that holds what looks like a header and an id
            lines += ['summary = """', "[[materials]]", 'id = "not-one"', 'contacts = ["x"]', '"""']
        lines += ["topics = [", '    "housing",', '    "green jobs",', "]"]
        if number % 4:
            lines += ["contacts = [", f'    "{"ana" if number % 2 else "ben"}",', "]"]
        if number % 7 == 0:
            lines.append('source = "https://example.org/"')
        lines.append("")
        said = f"warning: material '{identifier}': "
        warnings += [(id_line, said + NO_DATE)] * (number % 3 == 0)
        warnings += [(id_line, said + NO_CONTACT)] * (number % 4 == 0)
        warnings += [(id_line, said + NO_SOURCE)] * (number % 7 != 0)
    return "\n".join(lines), warnings, bad


def test_check_tells_every_warning_of_a_large_catalogue_at_its_line(tmp_path: Path) -> None:
    text, warnings, _ = _catalogue()
    path = tmp_path / "many.toml"
    path.write_text(text, encoding="utf-8")
    outcome = run("check", str(path))
    assert outcome.code == 0
    expected = [f"{path}:{line}: {said}" for line, said in warnings]
    by_rule = {
        rule: sum(said.endswith(f": {rule}" + said.partition(rule)[2]) for _, said in warnings)
        for rule in ("has no source", "has no date", "has no contact", "is named by no material")
    }
    assert by_rule == {
        "has no source": COUNT - len(range(0, COUNT, 7)),
        "has no date": len(range(0, COUNT, 3)),
        "has no contact": len(range(0, COUNT, 4)),
        "is named by no material": 1,
    }
    summary = (
        f"{path}: valid, {COUNT:,} materials; 0 errors, {len(warnings):,} warnings "
        f"(has no source: {by_rule['has no source']:,}, has no date: {by_rule['has no date']}, "
        f"has no contact: {by_rule['has no contact']}, is named by no material or event: 1)"
    )
    assert outcome.stdout == "\n".join([*expected, summary]) + "\n"
    limited = run("check", str(path), "--limit", "3")
    assert limited.stdout.splitlines() == [
        *expected[:3],
        f"… {len(warnings) - 3:,} more problems not shown (--limit)",
        summary,
    ]


def test_check_tells_every_error_of_a_large_catalogue_at_its_line(tmp_path: Path) -> None:
    text, _, bad = _catalogue(bad_date_every=10)
    path = tmp_path / "many.toml"
    path.write_text(text, encoding="utf-8")
    outcome = run("check", str(path))
    assert outcome.code == ExitCode.CHECK_FAILED
    assert outcome.stderr == f"talenthub: {path} is not a valid catalogue: {len(bad)} errors\n"
    told = outcome.stdout.splitlines()
    assert [line.split(": ")[0] for line in told[:-1]] == [f"{path}:{line}" for line in bad]
    assert told[0].endswith(
        "error: material 'm-00010', field 'date': '2024-13' is not a valid EDTF date: "
        "month 13 does not exist (months are 01 to 12, seasons 21 to 24)"
    )
    assert (
        told[-1] == f"{path}: not valid; {len(bad)} errors (field 'date': {len(bad)}), 0 warnings"
    )


def test_a_broken_line_at_the_end_of_a_large_catalogue_is_all_that_check_tells(
    tmp_path: Path,
) -> None:
    """The file is read and checked whole before anything is told: a TOML error in its last
    lines gives that error alone, and the exit code of a failed check."""
    text, _, _ = _catalogue()
    path = tmp_path / "many.toml"
    path.write_text(text + "\n[[materials]]\nid = \n", encoding="utf-8")
    last = text.count("\n") + 3
    outcome = run("check", str(path))
    assert outcome.code == ExitCode.CHECK_FAILED
    assert outcome.stdout == (
        f"{path}:{last}: error: invalid TOML: Invalid value\n"
        f"{path}: not valid; 1 error (invalid TOML: 1), 0 warnings\n"
    )
    assert outcome.stderr == f"talenthub: {path} is not a valid catalogue: 1 error\n"
