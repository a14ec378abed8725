"""What `talenthub check` found: a line a problem with its file:line and severity, then a summary
(how many errors and warnings, by rule); or one JSON object for CI."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from talenthub_cli.core.text import counted

if TYPE_CHECKING:
    from collections.abc import Sequence

    from talenthub_cli.core.errors import Problem
    from talenthub_cli.core.validate import Findings
    from talenthub_cli.render.terminal import Terminal


_CHUNK = 1000  # lines written at a time


@dataclass(frozen=True, slots=True)
class Shown:
    """Which of the findings to show: errors only, and at most `limit` of them (None: all)."""

    errors_only: bool = False
    limit: int | None = None

    def of(self, findings: Findings) -> list[tuple[str, Problem]]:
        return self.candidates(findings)[: self.limit]

    def candidates(self, findings: Findings) -> list[tuple[str, Problem]]:
        """(severity, problem) by line, of the severities asked for."""
        found = findings.in_order()
        if self.errors_only:
            return [(severity, problem) for severity, problem in found if severity == "error"]
        return found


def render_findings(findings: Findings, terminal: Terminal, shown: Shown | None = None) -> None:
    shown = shown or Shown()
    candidates = shown.candidates(findings)
    out = terminal.out
    lines: list[str] = []
    for severity, problem in candidates[: shown.limit]:
        lines.append(problem.located(severity) + "\n")
        if len(lines) == _CHUNK:  # a write a line is most of the time of a long listing
            out.write("".join(lines))
            lines.clear()
    out.write("".join(lines))
    left = len(candidates) - len(candidates[: shown.limit])
    if left:
        out.write(f"… {counted(left, 'more problem')} not shown (--limit)\n")
    out.write(summary(findings) + "\n")


def summary(findings: Findings) -> str:
    """ "file: verdict; N errors (by rule), M warnings (by rule)": what `check` found at a glance,
    whatever of it was shown."""
    verdict = (
        "not valid" if findings.errors else f"valid, {counted(findings.materials, 'material')}"
    )
    counts = ", ".join(
        counted(len(problems), noun) + _by_rule(problems)
        for noun, problems in (("error", findings.errors), ("warning", findings.warnings))
    )
    return f"{findings.file}: {verdict}; {counts}"


def rule(problem: Problem) -> str:
    """The rule a problem breaks, as a person would group them: the field it is in ("field
    'date'"), else what it says before any detail ("has no contact", "invalid TOML")."""
    if problem.field:
        return f"field {problem.field!r}"
    return problem.message.split(":")[0]


def _by_rule(problems: Sequence[Problem]) -> str:
    if not problems:
        return ""
    tally = Counter(rule(problem) for problem in problems)
    ordered = sorted(tally.items(), key=lambda item: (-item[1], item[0]))
    return " (" + ", ".join(f"{name}: {count:,}" for name, count in ordered) + ")"


def findings_json(findings: Findings, shown: Shown | None = None) -> dict[str, object]:
    problems = [
        {"severity": severity, "file": p.file, "line": p.line, "record": p.record,
         "field": p.field, "rule": rule(p), "message": p.message, "hint": p.hint}
        for severity, p in (shown or Shown()).of(findings)
    ]  # fmt: skip
    return {
        "file": findings.file,
        "valid": not findings.errors,
        "errors": len(findings.errors),
        "warnings": len(findings.warnings),
        "problems": problems,
    }
