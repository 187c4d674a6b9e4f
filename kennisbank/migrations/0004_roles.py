"""The roles Redactie, Netwerkpartner and Gemeente (kennisbank/accounts/roles.py) and the workflow
Redactiereview on the whole tree, replacing Wagtail's default Moderators and Editors."""

from django.db import migrations

from kennisbank.accounts import roles

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
    for name in roles.ROLES:
        group, _ = Group.objects.get_or_create(name=name)
        for codename in roles.PAGE_PERMISSIONS[name]:
            GroupPagePermission.objects.get_or_create(
                group=group, page=root_page, permission=get_permission(apps, "wagtailcore", codename)
            )
        for codename in roles.COLLECTION_PERMISSIONS[name]:
            app_label = "wagtaildocs" if codename.endswith("document") else "wagtailimages"
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=root_collection,
                permission=get_permission(apps, app_label, codename),
            )
        group.permissions.add(
            *[
                get_permission(apps, *permission.split("."))
                for permission in roles.MODEL_PERMISSIONS[name]
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

    Workflow.objects.exclude(name=roles.WORKFLOW).update(active=False)
    GroupApprovalTask.objects.exclude(name=roles.WORKFLOW).update(active=False)
    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task, _ = GroupApprovalTask.objects.get_or_create(
        name=roles.WORKFLOW, defaults={"content_type": task_type, "active": True}
    )
    task.groups.set([Group.objects.get(name=roles.REDACTIE)])
    workflow, _ = Workflow.objects.get_or_create(name=roles.WORKFLOW, defaults={"active": True})
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
