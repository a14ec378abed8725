"""Write a valid catalogue of N materials, the same every time, for the benchmarks.

    python benchmarks/generate.py 100000 /tmp/catalogue-100000.toml

The materials look like a real project's: every type, dates of every precision (years, months,
days, intervals, open intervals, qualified and unspecified dates), summaries, topics, languages,
contacts and organisations. The word "kestrel" is in the titles of exactly 1% of the materials
(every hundredth) and nowhere else, so that a search for it has a known answer.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path
from typing import Any

import tomli_w

from talenthub_cli.core.dates import days_in_month
from talenthub_cli.core.model import Availability, MaterialType

SUBJECTS = [
    "talent retention", "labour mobility", "skills recognition", "remote work", "digital nomadism",
    "integration policy", "diaspora engagement", "student mobility", "family reunification",
    "entrepreneurship", "housing", "language learning", "care workers", "health professionals",
    "seasonal work", "return migration", "circular migration", "recruitment ethics", "onboarding",
    "employer networks", "municipal services", "data collection", "labour shortages", "green jobs",
]  # fmt: skip
PLACES = [
    "Denmark", "Germany", "Sweden", "Finland", "the Netherlands", "Portugal", "Estonia", "Ireland",
    "Austria", "Belgium", "Spain", "Italy", "Poland", "Czechia", "Greece", "Malta", "Croatia",
    "Lithuania", "Latvia", "Slovenia", "København", "Malmö", "Łódź", "Göteborg", "Zürich",
]  # fmt: skip
FORMS = [
    "Lessons from", "A review of", "Practices in", "Evidence on", "Notes on", "Policy options for",
    "Stakeholder views on", "Mapping", "Toolkit for", "Pilot results on",
]  # fmt: skip
FIRST_NAMES = ["Anna", "Jonas", "Maria", "Ole", "Sofia", "Lars", "Amira", "Jakob", "Ines", "Tomasz"]
LAST_NAMES = ["Jensen", "Müller", "Nielsen", "Schmidt", "Hansen", "Kowalski", "Øberg", "García"]
LANGUAGES = ["en", "de", "da", "sv", "fr", "en-GB"]
KESTREL = "kestrel"


def _date(rng: random.Random) -> str:
    year = rng.randint(2015, 2025)
    month = rng.randint(1, 12)
    day = rng.randint(1, days_in_month(year, month))
    shape = rng.random()
    if shape < 0.15:
        return f"{year}"
    if shape < 0.45:
        return f"{year}-{month:02d}"
    if shape < 0.70:
        return f"{year}-{month:02d}-{day:02d}"
    if shape < 0.80:
        end = min(day + rng.randint(1, 20), days_in_month(year, month))
        return f"{year}-{month:02d}-{day:02d}/{year}-{month:02d}-{end:02d}"
    if shape < 0.86:
        return f"{year}-{month:02d}/{year + 1}-{rng.randint(1, 12):02d}"
    if shape < 0.89:
        return f"{year}-{month:02d}/.."
    if shape < 0.92:
        return f"{year}-{month:02d}{rng.choice('?~%')}"
    if shape < 0.95:
        return f"{year}-XX"
    if shape < 0.97:
        return f"{str(year)[:3]}X"
    return f"{year}-{rng.randint(21, 24)}"


def generate(count: int, seed: int = 2024) -> dict[str, Any]:
    rng = random.Random(seed)
    organisations = [
        {
            "id": f"org-{n:04d}",
            "name": f"Organisation {n} of {rng.choice(PLACES)}",
            "short_name": f"ORG{n}",
        }
        for n in range(max(10, count // 1000))
    ]
    for organisation in organisations[5:]:
        organisation["parent"] = rng.choice(organisations[:5])["id"]
    contacts = []
    for n in range(max(5, count // 200)):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        contacts.append(
            {
                "id": f"contact-{n:05d}",
                "name": f"{first} {last}",
                "email": f"{first.lower()}.{n}@example.org",
                "organisation": rng.choice(organisations)["id"],
                "role": f"Focal point for {rng.choice(SUBJECTS)}",
            }
        )
    types = list(MaterialType)
    materials = []
    for n in range(count):
        kind = rng.choice(types)
        subject, place = rng.choice(SUBJECTS), rng.choice(PLACES)
        title = f"{rng.choice(FORMS)} {subject} in {place}"
        if n % 100 == 0:
            title = f"The {KESTREL} study: {subject} in {place}"
        material: dict[str, Any] = {
            "id": f"material-{n:06d}",
            "title": title,
            "type": kind.value,
            "date": _date(rng),
            "summary": (
                f"A {kind.value.replace('-', ' ')} on {subject} in {place}, prepared with "
                f"partners from {rng.choice(PLACES)} and {rng.choice(PLACES)}."
            ),
            "topics": rng.sample(SUBJECTS, rng.randint(1, 3)),
            "languages": rng.sample(LANGUAGES, rng.randint(1, 2)),
            "organisations": [o["id"] for o in rng.sample(organisations, rng.randint(1, 2))],
            "contacts": [c["id"] for c in rng.sample(contacts, rng.randint(0, 2))],
            "availability": rng.choice(list(Availability)).value,
        }
        if rng.random() < 0.5:
            material["url"] = f"https://example.org/materials/{n}"
        if kind is MaterialType.SURVEY:
            material["responses"] = rng.randint(20, 2000)
        if rng.random() < 0.05:
            del material["date"]
        materials.append(material)
    return {
        "schema": 1,
        "project": {
            "id": "benchmark",
            "title": f"A benchmark project of {count} materials",
            "implementers": [organisations[0]["id"]],
        },
        "organisations": organisations,
        "contacts": contacts,
        "materials": materials,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, help="how many materials")
    parser.add_argument("path", type=Path, help="the catalogue file to write")
    parser.add_argument("--seed", type=int, default=2024)
    arguments = parser.parse_args()
    arguments.path.write_text(
        tomli_w.dumps(generate(arguments.count, arguments.seed)), encoding="utf-8"
    )


if __name__ == "__main__":
    main()
