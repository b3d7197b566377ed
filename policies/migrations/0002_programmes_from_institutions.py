"""Programmes and road maps were institutions of kind "programme"; they are policy initiatives.

Each such institution becomes an initiative with the same key (its slug), texts in every
language, region, website, references and publication state; its founding year becomes the
initiative's start. The SWOT items that cited it as evidence now name the initiative
(Initiative.swot_items). Nothing of the history is lost: the institution's history records
are copied into the initiative's (who changed what, when, and why), each side gets a record
saying what moved where, and the items' history records the changed link.

A road map is told from a programme by its name ("road map", "дорожная карта", "жол картасы");
an editor can change the kind afterwards.
"""

from django.conf import settings
from django.db import migrations
from django.utils import timezone

MOVED_TO_INITIATIVES = "moved to policy initiatives"
MOVED_FROM_INSTITUTIONS = "moved from institutions"
PROGRAMME_CITED_AS_INITIATIVE = "programme cited as an initiative"
ROAD_MAP_WORDS = ("road map", "roadmap", "дорожная карта", "жол картасы")


def texts(obj, *fields):
    """Every language column of `fields` (and the untranslated column modeltranslation keeps)."""
    columns = list(fields)
    columns += [f"{field}_{code}" for field in fields for code, _name in settings.LANGUAGES]
    return {column: getattr(obj, column) for column in columns if hasattr(obj, column)}


def kind_of(institution):
    names = " ".join(str(value or "") for value in texts(institution, "name").values()).casefold()
    return "road_map" if any(word in names for word in ROAD_MAP_WORDS) else "programme"


def initiative_fields(institution, kind):
    return {
        "key": institution.slug,
        "kind": kind,
        "region_id": institution.region_id,
        "website": institution.website,
        "start": str(institution.founded_year) if institution.founded_year else "",
        "published": institution.published,
        **texts(institution, "name", "description"),
    }


def history(model, obj_id, fields, *, kind, when, user_id=None, reason):
    return model.objects.create(
        id=obj_id,
        history_type=kind,
        history_date=when,
        history_user_id=user_id,
        history_change_reason=reason,
        **fields,
    )


def item_fields(item):
    return {
        "key": item.key,
        "quadrant": item.quadrant,
        "order": item.order,
        "analysis_id": item.analysis_id,
        **texts(item, "title", "text"),
    }


def institution_fields(institution):
    return {
        "slug": institution.slug,
        "kind": institution.kind,
        "region_id": institution.region_id,
        "website": institution.website,
        "founded_year": institution.founded_year,
        "published": institution.published,
        **texts(institution, "name", "description"),
    }


def snapshot_links(model, history_record, obj, field, historical_links):
    """Record `obj`'s current links of many-to-many `field` with `history_record`, as django-simple-history does."""
    through = model._meta.get_field(field).remote_field.through
    owner = model._meta.model_name
    for link in through.objects.filter(**{f"{owner}_id": obj.pk}):
        column = next(f.attname for f in through._meta.concrete_fields if f.is_relation and f.attname != f"{owner}_id")
        historical_links.objects.create(
            id=link.pk, history=history_record, **{f"{owner}_id": obj.pk, column: getattr(link, column)}
        )


def programmes_to_initiatives(apps, schema_editor):
    Institution = apps.get_model("portal", "Institution")
    HistoricalInstitution = apps.get_model("portal", "HistoricalInstitution")
    HistoricalInstitutionReferences = apps.get_model("portal", "HistoricalInstitution_references")
    Initiative = apps.get_model("policies", "Initiative")
    HistoricalInitiative = apps.get_model("policies", "HistoricalInitiative")
    HistoricalInitiativeReferences = apps.get_model("policies", "HistoricalInitiative_references")
    HistoricalInitiativeItems = apps.get_model("policies", "HistoricalInitiative_swot_items")
    Item = apps.get_model("swot", "Item")
    HistoricalItem = apps.get_model("swot", "HistoricalItem")
    item_links = {
        field: apps.get_model("swot", f"HistoricalItem_{field}")
        for field in ("indicators", "institutions", "references")
    }

    now = timezone.now()
    for institution in Institution.objects.filter(kind="programme").order_by("pk"):
        kind = kind_of(institution)
        initiative = Initiative.objects.create(**initiative_fields(institution, kind))
        reference_ids = list(institution.references.values_list("pk", flat=True))
        initiative.references.set(reference_ids)
        items = list(Item.objects.filter(institutions=institution).order_by("pk"))
        initiative.swot_items.set(items)

        # The institution's past, as the initiative's: same dates, authors and reasons.
        records = HistoricalInstitution.objects.filter(id=institution.pk).order_by("history_date", "history_id")
        for record in records:
            copied = history(
                HistoricalInitiative,
                initiative.pk,
                initiative_fields(record, kind),
                kind=record.history_type,
                when=record.history_date,
                user_id=record.history_user_id,
                reason=record.history_change_reason,
            )
            for link in HistoricalInstitutionReferences.objects.filter(history_id=record.history_id):
                HistoricalInitiativeReferences.objects.create(
                    id=link.id, history=copied, initiative_id=initiative.pk, reference_id=link.reference_id
                )
        moved = history(
            HistoricalInitiative,
            initiative.pk,
            initiative_fields(institution, kind),
            kind="~" if records.exists() else "+",
            when=now,
            reason=MOVED_FROM_INSTITUTIONS,
        )
        snapshot_links(Initiative, moved, initiative, "references", HistoricalInitiativeReferences)
        snapshot_links(Initiative, moved, initiative, "swot_items", HistoricalInitiativeItems)

        # The items no longer cite an institution but the initiative; their history says so.
        for item in items:
            item.institutions.remove(institution)
            snapshot = history(
                HistoricalItem, item.pk, item_fields(item), kind="~", when=now, reason=PROGRAMME_CITED_AS_INITIATIVE
            )
            for field, historical_links in item_links.items():
                snapshot_links(Item, snapshot, item, field, historical_links)

        gone = history(
            HistoricalInstitution,
            institution.pk,
            institution_fields(institution),
            kind="-",
            when=now,
            reason=MOVED_TO_INITIATIVES,
        )
        snapshot_links(Institution, gone, institution, "references", HistoricalInstitutionReferences)
        institution.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("policies", "0001_initial"),
        ("portal", "0005_institution_kind_government"),
        ("swot", "0002_historicalanalysis_historicalitem_and_more"),
    ]

    # Backwards the initiatives go with their tables; the institutions' history keeps what they were.
    operations = [migrations.RunPython(programmes_to_initiatives, migrations.RunPython.noop)]
