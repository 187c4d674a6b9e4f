"""The three roles of the kennisbank, by the names of their Wagtail groups. The data
migrations create the groups and their permissions (each with its own copy of the tables);
docs/permissions.md sets them out as tables."""

REDACTIE = "Redactie"
NETWERKPARTNER = "Netwerkpartner"
GEMEENTE = "Gemeente"

STATUS_PERMISSION = "kennisbank.change_knoop_status"
PROMOTION_PERMISSION = "kennisbank.promote_kennisitem"
STATUS_REFUSED = "Alleen de redactie kan de status en het niveau van een knoop wijzigen."


def may_create(user, model):
    return user.has_perm(f"kennisbank.add_{model._meta.model_name}")


def may_change_knoop_status(user):
    """No user: a command or import run by whoever runs the site."""
    return user is None or user.has_perm(STATUS_PERMISSION)


def knoop_status_changes(before, after):
    """The fields among status and level in which `after` differs from `before`."""
    return [field for field in ("status", "level") if getattr(before, field) != after[field]]


ADOPT_PERMISSION = "kennisbank.add_adoption"
REMOVE_ADOPTION_PERMISSION = "kennisbank.delete_adoption"


def may_adopt(user, membership):
    """Gemeenten and Netwerkpartners mark what their organisation applies, as members of it."""
    return membership is not None and user.has_perm(ADOPT_PERMISSION)


def may_withdraw(user, membership, adoption):
    """Their own organisation's or gemeente's mark; the Redactie removes any."""
    if user.has_perm(REMOVE_ADOPTION_PERMISSION):
        return True
    return may_adopt(user, membership) and adoption.belongs_to(membership)


# The Redactie's watch over currency and contact: overdue items, the log of questions.
CURRENCY_PERMISSION = "kennisbank.view_reviewreminder"
QUESTIONS_PERMISSION = "kennisbank.view_question"


def may_watch_currency(user):
    return user.has_perm(CURRENCY_PERMISSION)


OPGAVE_ANY_PERMISSION = "kennisbank.change_any_opgave"


def opgaven_editable_by(user, opgaven):
    """The opgaven whose figures this user enters and corrects: with `change_any_opgave`
    (the Redactie) all of them, otherwise only those of the user's own gemeente."""
    if not user.has_perm("kennisbank.change_opgave"):
        return opgaven.none()
    if user.has_perm(OPGAVE_ANY_PERMISSION):
        return opgaven
    return opgaven.filter(scope="gemeente", gemeente__members__user=user)
