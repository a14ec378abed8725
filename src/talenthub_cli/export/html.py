"""HTML: the selected materials as one self-contained page, to open from a file, send by email
or put on any web server, with no network and no asset from elsewhere.

The project at a glance, the materials in the selection's order (newest first unless a search
or `--sort` says otherwise), each with its id as an anchor (`#guidebook`); a search box and
filters that work in the page as the CLI's search does for plain words; the timeline as SVG;
the events, contacts and organisations that go with the selection. The page is `web/`'s
templates: every value escaped by Jinja2, a Content-Security-Policy that runs only the page's
own script and stylesheet (by hash), and links only to http, https and mailto addresses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from talenthub_cli import __version__
from talenthub_cli.core.text import counted

if TYPE_CHECKING:
    from typing import TextIO

    from talenthub_cli.export.common import ExportOptions, Selection


def write(selection: Selection, out: TextIO, options: ExportOptions) -> str:
    from talenthub_cli.web import page

    selection, materials = selection.held()
    contacts, organisations = selection.contacts, selection.organisations
    views = [page.material_view(m, contacts, organisations) for m in materials]
    links = page.Links()
    events = selection.chosen_events()
    dated = [
        ("material", m.id, m.date, m.title, links.material(m.id))
        for m in materials
        if m.date is not None
    ]
    dated.extend(("event", e.id, e.date, e.title, links.event(e.id)) for e in events)
    chosen_contacts = selection.chosen_contacts()
    if selection.everything:
        chosen_organisations = list(organisations.values())
    else:
        named = {key for view in views for key in view.organisation_keys}
        named.update(c.organisation for c in chosen_contacts if c.organisation)
        chosen_organisations = [o for key, o in organisations.items() if key in named]
    out.write(
        page.render(
            "catalogue.html",
            csp=page.content_security_policy(),
            version=__version__,
            project=page.project_view(selection.project, organisations),
            materials=views,
            choices=page.choices(views, organisations),
            filters=page.FILTERS,
            chart=page.timeline(dated),
            events=[page.event_view(event) for event in events],
            titles={m.id: m.title for m in materials},
            contacts=[page.contact_view(c, organisations) for c in chosen_contacts],
            organisations=[page.organisation_view(o, organisations) for o in chosen_organisations],
            links=links,
            serving=False,
            generated=selection.generated.strftime("%-d %B %Y"),
            fold=page.fold_tables(),
        )
    )
    return counted(len(views), "material")
