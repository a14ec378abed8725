"""The catalogue's controlled words: material types (and what each standard calls them),
availability, and the orders a listing can take. Kept apart from the records so that the command
line can declare its options without building the whole model."""

from __future__ import annotations

from enum import StrEnum

from talenthub_cli.core.frozen import frozen


class MaterialType(StrEnum):
    """The controlled vocabulary of material types, as written in the catalogue."""

    ARTICLE = "article"
    BRIEF = "brief"
    CONCEPT_NOTE = "concept-note"
    DATASET = "dataset"
    DOCUMENT = "document"
    GUIDEBOOK = "guidebook"
    GUIDELINES = "guidelines"
    PRESENTATION = "presentation"
    REPORT = "report"
    SURVEY = "survey"
    VIDEO = "video"
    WEBPAGE = "webpage"


@frozen
class TypeInfo:
    """What a material type is called, and the type each standard and export format gives it."""

    label: str
    dcmi: str  # DCMI Type Vocabulary
    bibtex: str  # BibTeX entry type
    ris: str  # RIS TY tag
    csl: str  # CSL 1.0.2 item type


TYPES: dict[MaterialType, TypeInfo] = {
    MaterialType.ARTICLE: TypeInfo("Article", "Text", "article", "JOUR", "article-journal"),
    MaterialType.BRIEF: TypeInfo("Brief", "Text", "techreport", "RPRT", "report"),
    MaterialType.CONCEPT_NOTE: TypeInfo("Concept note", "Text", "misc", "RPRT", "report"),
    MaterialType.DATASET: TypeInfo("Dataset", "Dataset", "misc", "DATA", "dataset"),
    MaterialType.DOCUMENT: TypeInfo("Document", "Text", "misc", "GEN", "document"),
    MaterialType.GUIDEBOOK: TypeInfo("Guidebook", "Text", "book", "BOOK", "book"),
    MaterialType.GUIDELINES: TypeInfo("Guidelines", "Text", "manual", "GEN", "document"),
    MaterialType.PRESENTATION: TypeInfo("Presentation", "Text", "misc", "SLIDE", "speech"),
    MaterialType.REPORT: TypeInfo("Report", "Text", "techreport", "RPRT", "report"),
    MaterialType.SURVEY: TypeInfo("Survey", "Dataset", "misc", "DATA", "dataset"),
    MaterialType.VIDEO: TypeInfo("Video", "MovingImage", "misc", "VIDEO", "motion_picture"),
    MaterialType.WEBPAGE: TypeInfo("Web page", "Text", "misc", "ELEC", "webpage"),
}


class Availability(StrEnum):
    PUBLISHED = "published"
    ON_REQUEST = "on-request"
    INTERNAL = "internal"


AVAILABILITY_LABELS = {
    Availability.PUBLISHED: "Published",
    Availability.ON_REQUEST: "On request",
    Availability.INTERNAL: "Internal",
}


class SortKey(StrEnum):
    DATE = "date"
    TITLE = "title"
    TYPE = "type"
