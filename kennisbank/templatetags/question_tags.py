"""Template tag of "Vraag het de indiener" on an item page (kennisbank/public/questions.py)."""

from django import template

from kennisbank.public.questions import ask_context

register = template.Library()


@register.simple_tag
def ask_contributor(item, request):
    """None for a visitor; else the form, or no form when nobody's mailbox takes questions."""
    return ask_context(item, request)
