from django.conf import settings


def site_url(request):
    """SITE_URL, the base of every absolute URL, for templates such as robots.txt."""
    return {"SITE_URL": settings.SITE_URL}
