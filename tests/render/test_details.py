"""`show` on a terminal of any width: labels beside values where every word fits, else each label
above its value; no word, id or email split over lines."""

from __future__ import annotations

from tests.conftest import screen

CONTACT_20 = """\
Rand Al-Ani
ID
  rand-al-ani
Email
  ralani@iom.int
Organisation
  International
  Organization for
  Migration (IOM)
Role
  Contact for an
  analysis of the
  survey data
Materials
  remote-work-digit…
  Remote Work &
  Digital Nomad
  Survey (9–22 Nov
  2023)
  talent-attraction…
  International
  Talent Attraction
  & Retention Survey
  (5–19 Dec 2023)
Source
  https://germany.io
  m.int/labour-migra
  tion"""

GUIDEBOOK_40 = """\
╭─ Guidebook ──────────────────────────╮
│ ID             guidebook             │
│ Type           Guidebook             │
│ Date           May 2024 (2024-05)    │
│ Availability   Published             │
│ Summary        A modular guidebook   │
│                showcasing practical  │
│                experiences and best  │
│                practices with talent │
│                retention in selected │
│                EU Member States. It  │
│                can be applied to     │
│                different EU          │
│                stakeholders seeking  │
│                varied input on their │
│                challenges on talent  │
│                retention, attraction │
│                and circulation in    │
│                their national        │
│                contexts.             │
│ Topics         talent retention,     │
│                talent attraction,    │
│                talent circulation,   │
│                best practices        │
│ Organisations  IOM Germany           │
│                IOM Denmark           │
│ Source         https://germany.iom.i │
│                nt/labour-migration   │
╰──────────────────────────────────────╯"""


def test_show_at_20_columns_puts_each_label_above_its_value() -> None:
    """A web address wider than the window is folded, as a terminal folds it; an id wider than
    the window ends in an ellipsis; every other word is whole."""
    assert screen(20, "show", "rand-al-ani") == CONTACT_20


def test_show_at_20_columns_splits_no_word_of_a_summary() -> None:
    shown = screen(20, "show", "guidebook")
    assert "  stakeholders\n" in shown
    assert all(len(line) <= 20 for line in shown.splitlines())


def test_show_at_40_columns_keeps_labels_beside_values() -> None:
    assert screen(40, "show", "guidebook") == GUIDEBOOK_40


def test_show_at_30_columns_splits_no_word() -> None:
    """At 30 columns the value column beside the labels would be 11 wide, and split
    "stakeholders": the labels go above the values instead."""
    shown = screen(30, "show", "guidebook")
    assert shown.splitlines()[:3] == ["Guidebook", "ID", "  guidebook"]
    assert "  stakeholders seeking varied" in shown
