"""The roles Redactie, Netwerkpartner and Gemeente and the workflow Redactiereview on the whole
tree, replacing Wagtail's default Moderators and Editors. The tables are copied here, as they
were when this migration was written, so that it never changes with the live code."""

from django.db import migrations

REDACTIE = "Redactie"
NETWERKPARTNER = "Netwerkpartner"
GEMEENTE = "Gemeente"
ROLES = (REDACTIE, NETWERKPARTNER, GEMEENTE)

WORKFLOW = "Redactiereview"

# Page permissions on the root of the tree, so on every section. Wagtail's "add" lets a user
# create pages and edit the ones they own; "change" lets them edit anyone's.
PAGE_PERMISSIONS = {
    REDACTIE: ["add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page",
               "unlock_page"],
    NETWERKPARTNER: ["add_page"],
    GEMEENTE: ["add_page"],
}  # fmt: skip

# Which item types a role may create.
CREATABLE = {
    REDACTIE: ["parel", "knoop", "beleidskader", "besluit", "artikel"],
    NETWERKPARTNER: ["parel", "knoop", "artikel"],
    GEMEENTE: ["parel", "knoop", "artikel"],
}

# Documents and images, on the root collection (0006 moves the contributors' "add").
COLLECTION_PERMISSIONS = {
    REDACTIE: ["add_document", "change_document", "delete_document", "choose_document",
               "add_image", "change_image", "delete_image", "choose_image"],
    NETWERKPARTNER: ["add_document", "choose_document", "add_image", "choose_image"],
    GEMEENTE: ["add_document", "choose_document", "add_image", "choose_image"],
}  # fmt: skip

VOCABULARY_MODELS = ["thema", "gemeente", "doelgroep", "organisatie", "begrip"]

# Model permissions ("app_label.codename").
MODEL_PERMISSIONS = {
    REDACTIE: [
        "wagtailadmin.access_admin",
        "kennisbank.change_knoop_status",
        "auth.add_user",
        "auth.change_user",
        *[f"kennisbank.{action}_{model}" for action in ("add", "change", "delete", "view")
          for model in VOCABULARY_MODELS],
        *[f"kennisbank.add_{slug}" for slug in CREATABLE[REDACTIE]],
    ],
    NETWERKPARTNER: [
        "wagtailadmin.access_admin",
        *[f"kennisbank.add_{slug}" for slug in CREATABLE[NETWERKPARTNER]],
    ],
    GEMEENTE: [
        "wagtailadmin.access_admin",
        *[f"kennisbank.add_{slug}" for slug in CREATABLE[GEMEENTE]],
    ],
}  # fmt: skip

OLD_GROUPS = ["Moderators", "Editors"]
# The model a permission belongs to, where its code name does not end in it.
MODEL_OF = {"change_knoop_status": "knoop"}
NAMES = {"change_knoop_status": "Mag status en niveau van knopen wijzigen"}


def get_permission(apps, app_label, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    model = MODEL_OF.get(codename, codename.rsplit("_", 1)[1])
    # On a fresh database Django creates model permissions only after all migrations.
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": NAMES.get(codename, "Can " + codename.replace("_", " "))},
    )
    return permission


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root_page = Page.objects.get(depth=1)
    root_collection = Collection.objects.get(depth=1)

    Group.objects.filter(name__in=OLD_GROUPS).delete()
    for name in ROLES:
        group, _ = Group.objects.get_or_create(name=name)
        for codename in PAGE_PERMISSIONS[name]:
            GroupPagePermission.objects.get_or_create(
                group=group, page=root_page, permission=get_permission(apps, "wagtailcore", codename)
            )
        for codename in COLLECTION_PERMISSIONS[name]:
            app_label = "wagtaildocs" if codename.endswith("document") else "wagtailimages"
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=root_collection,
                permission=get_permission(apps, app_label, codename),
            )
        group.permissions.add(
            *[
                get_permission(apps, *permission.split("."))
                for permission in MODEL_PERMISSIONS[name]
            ]
        )


def create_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    Workflow.objects.exclude(name=WORKFLOW).update(active=False)
    GroupApprovalTask.objects.exclude(name=WORKFLOW).update(active=False)
    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task, _ = GroupApprovalTask.objects.get_or_create(
        name=WORKFLOW, defaults={"content_type": task_type, "active": True}
    )
    task.groups.set([Group.objects.get(name=REDACTIE)])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    # On the root of the tree, so every section and every item below it.
    WorkflowPage.objects.update_or_create(
        page=Page.objects.get(depth=1), defaults={"workflow": workflow}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("kennisbank", "0003_roles_and_knoop_history"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(create_roles, migrations.RunPython.noop),
        migrations.RunPython(create_workflow, migrations.RunPython.noop),
    ]
