"""Records: a catalogue's objects as plain data and back, unchanged."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest
from hypothesis import given

from talenthub_cli.core.records import (
    contact_from_record,
    material_from_record,
    organisation_from_record,
    project_from_record,
    to_record,
)
from tests.strategies import catalogues

if TYPE_CHECKING:
    from talenthub_cli.core.model import Catalogue


@pytest.mark.slow
@given(catalogues())
def test_records_round_trip_through_json(catalogue: Catalogue) -> None:
    def again(record: object) -> dict[str, object]:
        return json.loads(json.dumps(record))  # type: ignore[no-any-return]

    for material in catalogue.materials:
        assert material_from_record(again(to_record(material))) == material
    for contact in catalogue.contacts:
        assert contact_from_record(again(to_record(contact))) == contact
    for organisation in catalogue.organisations:
        assert organisation_from_record(again(to_record(organisation))) == organisation
    assert project_from_record(again(to_record(catalogue.project))) == catalogue.project


@pytest.mark.slow
@given(catalogues())
def test_only_surveys_carry_a_response_count(catalogue: Catalogue) -> None:
    for material in catalogue.materials:
        assert ("responses" in to_record(material)) == (material.type.value == "survey")
