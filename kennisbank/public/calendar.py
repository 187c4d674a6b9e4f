"""/vergaderingen/agenda.ics: the meetings as an iCalendar feed (RFC 5545), written by hand:
a few properties per meeting need no library. Whoever asks sees the meetings they may see;
a calendar app, which has no login, so the public ones only."""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

from kennisbank.models import Vergadering
from kennisbank.privacy import Viewer
from kennisbank.public.text import plain_text

LINE_OCTETS = 75  # RFC 5545 3.1: lines longer than this are folded
CALENDAR_DAYS_BACK = 365  # past meetings kept in the feed


def escape(text):
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma escaped, newlines as \\n."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def fold(line):
    """A content line cut into pieces of at most 75 octets, never inside a UTF-8 character;
    each continuation starts with a space (RFC 5545 3.1)."""
    pieces, piece, size = [], "", 0
    for char in line:
        width = len(char.encode())
        limit = LINE_OCTETS if not pieces else LINE_OCTETS - 1  # the space counts
        if size + width > limit:
            pieces.append(piece)
            piece, size = "", 0
        piece += char
        size += width
    pieces.append(piece)
    return "\r\n ".join(pieces)


def utc(moment):
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def event(meeting):
    """The VEVENT of one meeting, as content lines."""
    location = meeting.place or meeting.online_url
    description = "\n\n".join(part for part in (meeting.summary, meeting.full_url) if part)
    lines = [
        "BEGIN:VEVENT",
        f"UID:vergadering-{meeting.pk}@{urlsplit(settings.SITE_URL).hostname}",
        f"DTSTAMP:{utc(meeting.last_published_at or meeting.starts_at)}",
        f"DTSTART:{utc(meeting.starts_at)}",
        f"DTEND:{utc(meeting.ends)}",
        f"SUMMARY:{escape(f'{meeting.get_meeting_body_display()}: {meeting.title}')}",
        f"DESCRIPTION:{escape(plain_text(description))}",
        f"URL:{meeting.full_url}",
        "STATUS:CONFIRMED",
        "CLASS:PUBLIC" if meeting.visibility == "public" else "CLASS:PRIVATE",
    ]
    if location:
        lines.append(f"LOCATION:{escape(location)}")
    lines.append("END:VEVENT")
    return lines


def calendar(meetings):
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//{escape(settings.WAGTAIL_SITE_NAME)}//Vergaderingen//NL",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape('Vergaderingen – ' + settings.WAGTAIL_SITE_NAME)}",
    ]
    for meeting in meetings:
        lines += event(meeting)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def meetings_ics(request):
    since = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=CALENDAR_DAYS_BACK)
    meetings = Vergadering.objects.visible_to(Viewer.of(request)).filter(starts_at__gte=since)
    response = HttpResponse(
        calendar(meetings.order_by("starts_at", "pk")), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="vergaderingen.ics"'
    if request.user.is_authenticated:  # network-only meetings are no one else's to cache
        patch_cache_control(response, private=True)
    return response
