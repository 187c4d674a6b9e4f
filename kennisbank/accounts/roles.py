"""The three roles of the kennisbank and what each may do. The data migration that creates
the groups reads this module; docs/permissions.md sets it out as a table."""

REDACTIE = "Redactie"
NETWERKPARTNER = "Netwerkpartner"
GEMEENTE = "Gemeente"
CONTRIBUTORS = (NETWERKPARTNER, GEMEENTE)
ROLES = (REDACTIE, *CONTRIBUTORS)

WORKFLOW = "Redactiereview"

# Page permissions on the root of the tree, so on every section. Wagtail's "add" lets a user
# create pages and edit the ones they own; "change" lets them edit anyone's.
PAGE_PERMISSIONS = {
    REDACTIE: ["add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page",
               "unlock_page"],
    NETWERKPARTNER: ["add_page"],
    GEMEENTE: ["add_page"],
}  # fmt: skip

# Which item types a role may create (checked in wagtail_hooks.py on create and copy).
CREATABLE = {
    REDACTIE: ["parel", "knoop", "beleidskader", "besluit", "artikel"],
    NETWERKPARTNER: ["parel", "knoop", "artikel"],
    GEMEENTE: ["parel", "knoop", "artikel"],
}

# Documents and images, on the root collection: contributors add and choose, and edit only
# what they uploaded themselves (Wagtail's "add" again).
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

STATUS_PERMISSION = "kennisbank.change_knoop_status"
STATUS_REFUSED = "Alleen de redactie kan de status en het niveau van een knoop wijzigen."


def may_create(user, model):
    return user.has_perm(f"kennisbank.add_{model._meta.model_name}")


def may_change_knoop_status(user):
    """No user: a command or import run by whoever runs the site."""
    return user is None or user.has_perm(STATUS_PERMISSION)


def knoop_status_changes(before, after):
    """The fields among status and level in which `after` differs from `before`."""
    return [field for field in ("status", "level") if getattr(before, field) != after[field]]
