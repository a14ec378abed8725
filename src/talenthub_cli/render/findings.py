"""What `talenthub check` found: a line a problem with its file:line and severity, then a summary;
or one JSON object for CI."""

from __future__ import annotations

from typing import TYPE_CHECKING

from talenthub_cli.core.text import counted

if TYPE_CHECKING:
    from talenthub_cli.core.validate import Findings
    from talenthub_cli.render.terminal import Terminal


def render_findings(findings: Findings, terminal: Terminal) -> None:
    out = terminal.out
    for severity, problem in findings.in_order():
        out.write(problem.located(severity) + "\n")
    counts = (
        f"{counted(len(findings.errors), 'error')}, {counted(len(findings.warnings), 'warning')}"
    )
    verdict = (
        "not valid" if findings.errors else f"valid, {counted(findings.materials, 'material')}"
    )
    out.write(f"{findings.file}: {verdict}; {counts}\n")


def findings_json(findings: Findings) -> dict[str, object]:
    problems = [
        {"severity": severity, "file": p.file, "line": p.line, "record": p.record,
         "field": p.field, "message": p.message, "hint": p.hint}
        for severity, p in findings.in_order()
    ]  # fmt: skip
    return {"file": findings.file, "valid": not findings.errors, "problems": problems}
