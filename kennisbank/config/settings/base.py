"""Settings for the kennisbank. The environment is read here, and only here."""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from kennisbank.accounts import providers as oidc_providers

BASE_DIR = Path(__file__).resolve().parents[3]


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "development-only-not-secret"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}

# One cache shared by every process (gunicorn's workers, the shell, the worker), so that what
# one of them changes, such as the glossary, reaches the others at once: the database's own
# table (made by a migration), or Redis in CACHE_URL. Entries are derived from the database, so
# its name is their prefix, and sites sharing a Redis keep apart.
CACHE_URL = os.environ.get("CACHE_URL", "").strip()
if not CACHE_URL:
    CACHE = {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "kennisbank_cache",
    }
elif CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHE = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
else:
    raise ImproperlyConfigured("CACHE_URL must be a redis://, rediss:// or unix:// URL.")
CACHES = {
    "default": {**CACHE, "KEY_PREFIX": str(DATABASES["default"]["NAME"])},
    # Pages for visitors without a session, each process its own (kennisbank/public/cache.py):
    # at most this many, some tens of kilobytes each.
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "OPTIONS": {"MAX_ENTRIES": 500},
    },
}
# Seconds a page for visitors without a session is kept at most; 0 keeps none. Off with DEBUG,
# so a changed template shows at once.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0" if DEBUG else "300"))

INSTALLED_APPS = [
    "kennisbank",
    "home",
    "search",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",  # the Redactie's picks for a query
    "wagtail.api.v2",
    "wagtail.embeds",
    "wagtail.sites",
    "kennisbank.apps.KennisbankUsersConfig",  # wagtail.users, with organisations
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks_db",
    "rest_framework",
    "axes",
    "django_otp",  # two-factor authentication: the app (TOTP) and recovery codes (static)
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "corsheaders",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "kennisbank.public.cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "kennisbank.public.security.SecurityHeadersMiddleware",
    "kennisbank.public.api.ApiVersionMiddleware",
    "axes.middleware.AxesMiddleware",
    "kennisbank.accounts.twofactor.middleware.TwoFactorMiddleware",
]

# Login attempts are throttled per user name and address (django-axes).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# What the privacy statement promises: failed attempts are kept only until their cool-off has
# passed (removed at the next login attempt), successful logins are not logged with an address.
AXES_DISABLE_ACCESS_LOG = True
AXES_LOCKOUT_TEMPLATE = "kennisbank/admin/lockout.html"
AXES_LOCKOUT_CALLABLE = "kennisbank.accounts.login.lockout"  # the site's look on /inloggen/
# Two-factor authentication (kennisbank/accounts/twofactor/): the Redactie must, others may.
OTP_TOTP_ISSUER = "Kennisbank Vluchtelingen IJsselland"
# Page passwords and password reset mails are throttled too (kennisbank/throttles.py).
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "kennisbank.accounts.throttles.ThrottledPasswordResetForm"

ROOT_URLCONF = "kennisbank.config.urls"
WSGI_APPLICATION = "kennisbank.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "kennisbank.public.context_processors.site_url",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "kennisbank.accounts.passwords.DutchMinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Logging in (README "Logging in", docs/sso.md): the site's own page, local accounts and,
# when OIDC_PROVIDERS names any, single sign-on through each organisation's provider.
LOGIN_URL = "/inloggen/"
LOGIN_REDIRECT_URL = LOGOUT_REDIRECT_URL = "/"
try:
    OIDC_PROVIDERS = oidc_providers.parse(os.environ.get("OIDC_PROVIDERS", ""))
except oidc_providers.ProviderError as error:
    raise ImproperlyConfigured(str(error)) from error
# Inert but for the callback of a provider's login.
AUTHENTICATION_BACKENDS.append("kennisbank.accounts.sso.SSOBackend")

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Kennisbank Vluchtelingen IJsselland"
# The one base of every absolute URL: sitemap, canonical links, feeds, API and e-mails. The
# Wagtail Site's hostname and port follow it at every migrate (kennisbank/structure.py).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").strip().rstrip("/")
try:
    _site = urlsplit(SITE_URL)
    _port = _site.port or {"http": 80, "https": 443}.get(_site.scheme)
except ValueError:  # a port that is not a number
    _site = _port = None
# Wagtail's Site holds a hostname and a port, and speaks https on port 443 only.
if (
    not _port
    or not _site.hostname
    or _site.path
    or _site.query
    or (_site.scheme == "https") != (_port == 443)
):
    raise ImproperlyConfigured("SITE_URL must be http://host[:port] or https://host, no path.")
WAGTAILADMIN_BASE_URL = WAGTAILAPI_BASE_URL = SITE_URL
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "txt", "xlsx", "ods", "pptx", "csv"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Documents are always served through Wagtail's view, where the attachment privacy hook
# (kennisbank/wagtail_hooks.py) gives them the privacy of the items they belong to.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
# No page, the admin's included, asks a third party for anything (README "Privacy and
# security"): no gravatar.com avatars (Wagtail's default shows every editor's e-mail hash to
# it), no check for a newer Wagtail at releases.wagtail.org on the dashboard.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Search (README "Search"): an engine finds, filters, counts and ranks; the database loads
# the items shown. SEARCH_BACKEND "embedded" (the default) keeps a tantivy index on local disk,
# in SEARCH_INDEX_DIR; "opensearch" or "elasticsearch" use the engine at OPENSEARCH_URL or
# ELASTICSEARCH_URL; "database" searches the database's own index alone. That index is kept
# current beside any engine ("default", Wagtail's, also the admin's search) and answers
# whenever the engine cannot. PostgreSQL indexes with the 'dutch' configuration.
DATABASE_SEARCH = {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "dutch"}
ENGINE_URL_VARIABLES = {"elasticsearch": "ELASTICSEARCH_URL", "opensearch": "OPENSEARCH_URL"}
SEARCH_BACKEND = os.environ.get("SEARCH_BACKEND", "embedded").strip().lower()
SEARCH_INDEX_DIR = Path(os.environ.get("SEARCH_INDEX_DIR", BASE_DIR / "search-index"))
SEARCH_INDEX_NAME = os.environ.get("SEARCH_INDEX_NAME", "kennisbank")
SEARCH_ENGINE_TIMEOUT = float(os.environ.get("SEARCH_ENGINE_TIMEOUT", "2"))  # seconds, at most
SEARCH_ENGINE_URL = os.environ.get(
    ENGINE_URL_VARIABLES.get(SEARCH_BACKEND, ""), "http://localhost:9200"
)
if SEARCH_BACKEND not in ("embedded", "database", *ENGINE_URL_VARIABLES):
    raise ImproperlyConfigured(
        "SEARCH_BACKEND must be embedded, opensearch, elasticsearch or database."
    )
# Items also found by what they are about (search/semantic.py): sentence embeddings made by the
# background worker, fused with the engine's ranking. Off: words alone.
SEARCH_SEMANTIC = env_bool("SEARCH_SEMANTIC", True)
WAGTAILSEARCH_BACKENDS = {"default": DATABASE_SEARCH}
if SEARCH_BACKEND != "database":
    WAGTAILSEARCH_BACKENDS["engine"] = {"BACKEND": "search.index"}

# Tasks: Wagtail's own (search and reference indexing) run at once on "default"; the slow
# reading of uploaded documents (kennisbank/documents/tasks.py) is queued in the database on
# "background" and run by `manage.py db_worker --backend background` (see README).
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
}

# Development prints mail on the console; production names an SMTP server.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "kennisbank@localhost")
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL
# Where to report a vulnerability, in /.well-known/security.txt (RFC 9116): a mailto: or
# https: URI; a bare e-mail address becomes a mailto:. Without it, the site's own sender.
SECURITY_CONTACT = os.environ.get("SECURITY_CONTACT", "").strip() or DEFAULT_FROM_EMAIL
if not SECURITY_CONTACT.startswith(("mailto:", "https://")):
    SECURITY_CONTACT = f"mailto:{SECURITY_CONTACT}"

SESSION_COOKIE_AGE = 60 * 60 * 8
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Behind HTTPS (the default without DEBUG): secure cookies, redirects and HSTS.
HTTPS = not DEBUG and env_bool("HTTPS", True)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS", 60 * 60 * 24 * 365)) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_PRELOAD = HTTPS
# Security headers on every response (kennisbank/public/security.py; README "Privacy and
# security"). The public site and the API run no inline script or style and load nothing from
# elsewhere; Wagtail's admin still writes inline scripts (date pickers, inline panels) and
# styles, and frames its own previews, so paths under ADMIN_PATH get a policy of their own.
SELF, NONE = "'self'", "'none'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF, *oidc_providers.origins(OIDC_PROVIDERS)],  # logout ends there
        "frame-ancestors": [NONE],
    }
}
ADMIN_PATH = "/admin/"
ADMIN_CONTENT_SECURITY_POLICY = {
    **CONTENT_SECURITY_POLICY["DIRECTIVES"],
    "script-src": [SELF, "'unsafe-inline'"],
    "style-src": [SELF, "'unsafe-inline'"],
    "img-src": [SELF, "data:", "blob:"],
    "frame-src": [SELF],
    "frame-ancestors": [SELF],
}
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)
# Other sites' scripts may read the read-only APIs and the feeds only when CORS_ALLOWED_ORIGINS
# names them (none by default), and then without cookies: such a request is anonymous, so it
# gets public items only, whoever's browser sends it (django-cors-headers).
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/(api|feeds)/"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False
CORS_EXPOSE_HEADERS = ["API-Version"]
# Django's own, named here so that they stay what the README says.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views say SAMEORIGIN themselves
if env_bool("BEHIND_PROXY"):  # the proxy terminates TLS and says so in this header
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Items replace Page's raw title search field with a Dutch-analysed one (search/index.py).
SILENCED_SYSTEM_CHECKS = ["wagtailsearch.W001"]
