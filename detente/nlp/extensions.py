"""Custom attributes shared by detente's components. Registered once, idempotently.

Span groups written by the components:
  doc.spans["detente_actors"]      span._.actor     -> detente.record.Actor
  doc.spans["detente_dates"]       span._.timex     -> detente.nlp.dates.Timex
  doc.spans["detente_quantities"]  span._.quantity  -> detente.record.Quantity
  doc.spans["detente_places"]      span._.place     -> detente.record.Location
  doc._.events                     list[detente.record.Event]
  doc._.doc_id, doc._.document_date (datetime.date | None)
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

ACTORS = "detente_actors"
DATES = "detente_dates"
QUANTITIES = "detente_quantities"
PLACES = "detente_places"
# Groups named without a country ("rebels", "the police", "opposition protesters"): span._.actor
# has country "" and the group's sector. Only `--domestic` coding uses them (see EventCoder).
GROUPS = "detente_groups"


def register() -> None:
    """Register the extension attributes (safe to call many times)."""
    for name in ("actor", "timex", "quantity", "place"):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)
    if not Doc.has_extension("events"):
        Doc.set_extension("events", default=None)
    if not Doc.has_extension("doc_id"):
        Doc.set_extension("doc_id", default="")
    if not Doc.has_extension("document_date"):
        Doc.set_extension("document_date", default=None)


register()
