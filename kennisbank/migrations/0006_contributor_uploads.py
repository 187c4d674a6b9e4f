"""Contributors upload documents and images only into the collection Uploads, where files stay
private until an item that uses them is published; every other collection is the Redactie's,
who publishes a file on its own by moving it there. Contributors still choose files from every
collection (the chooser shows them only what they may see)."""

from django.db import migrations

CONTRIBUTORS = ("Netwerkpartner", "Gemeente")
UPLOADS = "Uploads"
ADD = {"add_document": "wagtaildocs", "add_image": "wagtailimages"}
# Collection paths are treebeard's: four characters per level, in this alphabet.
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4


def path_step(number):
    digits = ""
    while number:
        number, digit = divmod(number, len(ALPHABET))
        digits = ALPHABET[digit] + digits
    return digits.rjust(STEPLEN, "0")


def uploads_collection(Collection):
    """The collection Uploads below the root, made here (historical models have no
    treebeard methods) when it does not exist yet."""
    root = Collection.objects.get(depth=1)
    children = Collection.objects.filter(depth=2, path__startswith=root.path)
    existing = children.filter(name=UPLOADS).first()
    if existing:
        return existing
    last = children.order_by("-path").first()
    number = int(last.path[-STEPLEN:], len(ALPHABET)) + 1 if last else 1
    root.numchild += 1
    root.save(update_fields=["numchild"])
    return Collection.objects.create(
        name=UPLOADS, path=root.path + path_step(number), depth=2, numchild=0
    )


def add_permissions(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    permissions = []
    for codename, app_label in ADD.items():
        content_type, _ = ContentType.objects.get_or_create(
            app_label=app_label, model=codename.split("_", 1)[1]
        )
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=codename,
            defaults={"name": "Can " + codename.replace("_", " ")},
        )
        permissions.append(permission)
    return permissions


def move_uploads(apps, schema_editor, to_uploads=True):
    Collection = apps.get_model("wagtailcore", "Collection")
    Group = apps.get_model("auth", "Group")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    target = uploads_collection(Collection) if to_uploads else Collection.objects.get(depth=1)
    permissions = add_permissions(apps)
    for group in Group.objects.filter(name__in=CONTRIBUTORS):
        GroupCollectionPermission.objects.filter(group=group, permission__in=permissions).delete()
        for permission in permissions:
            GroupCollectionPermission.objects.create(
                group=group, collection=target, permission=permission
            )


def back_to_root(apps, schema_editor):
    move_uploads(apps, schema_editor, to_uploads=False)


class Migration(migrations.Migration):
    dependencies = [
        ("kennisbank", "0005_knoop_change_choices"),
    ]

    operations = [
        migrations.RunPython(move_uploads, back_to_root),
    ]
