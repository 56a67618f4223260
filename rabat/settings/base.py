"""Settings shared by every environment.

Every value that differs between deployments is read from the environment,
with a safe development default where one exists.
"""

from pathlib import Path
from urllib.parse import urlsplit

import environ

from rabat.languages import LANGUAGES as SITE_LANGUAGES

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

# --- Core -------------------------------------------------------------------

SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-secret-key-change-me")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_ID = 1
# The public address of the site, for links in emails sent by the worker.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# Demo accounts (manage.py load_demo) are only allowed outside production.
DEMO_ACCOUNTS_ALLOWED = True

# --- Applications -------------------------------------------------------------

INSTALLED_APPS = [
    # modeltranslation must come before django.contrib.admin.
    "modeltranslation",
    "rabat.apps.RabatAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Django's form templates, for the renderer below.
    "django.forms",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "crispy_forms",
    "crispy_bootstrap5",
    "csp",
    "phonenumber_field",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "rabat",
    "contacts",
    "forums",
    "meetings",
    "newsletter",
    "library",
    "countries",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous public pages from the cache, as the middleware below made
    # them (rabat.page_cache): compressed once, headers included.
    "rabat.page_cache.PublicPageCacheMiddleware",
    # Below WhiteNoise, which serves static files precompressed (.br, .gz),
    # and above every middleware that reads or writes the page's body.
    "django.middleware.gzip.GZipMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "rabat.middleware.SessionIdleTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "rabat.middleware.RequireStaffTwoFactorMiddleware",
    "rabat.middleware.CacheControlMiddleware",
]

ROOT_URLCONF = "rabat.urls"
WSGI_APPLICATION = "rabat.wsgi.application"
AUTH_USER_MODEL = "rabat.User"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "rabat.context_processors.site",
                "forums.context_processors.moderation",
                "newsletter.context_processors.review_subscription",
            ],
        },
    },
]

# Widgets render through TEMPLATES too, so that templates/ can hold the
# project's own (the back office's stored-file input).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# --- Database, cache, sessions -----------------------------------------------

# SQLite is the embedded default so that `make run` works on a bare machine;
# production and CI use PostgreSQL through DATABASE_URL.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Connections kept a minute by each web thread (opening one costs more CPU
# than most pages: TLS, authentication), checked before a request reuses them.
# Each node holds up to workers x threads connections (README, Scaling out).
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# A cache shared between processes: rate-limit counters must be seen by every
# web process. The database cache's table is created by `migrate` (rabat's
# migration 0004). rabat.cache.FailSafeCache wraps it: when the backend fails,
# the cache lives in each process's memory until it answers again.
# A redis:// URL gets Django's Redis backend with its clients kept
# (rabat.cache.RedisCache).
_primary_cache = env.cache("CACHE_URL", default="dbcache://rabat_cache")
if _primary_cache["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    _primary_cache["BACKEND"] = "rabat.cache.RedisCache"
CACHES = {
    "default": {
        "BACKEND": "rabat.cache.FailSafeCache",
        "OPTIONS": {"PRIMARY": _primary_cache},
    },
    # The layout's fragments (menu, footer, members' links), which change
    # only with the code and the language, and what is kept under a version
    # read from the shared cache (forums.versions.forum_groups): in each
    # process's memory, never shared.
    "layout": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "layout",
        # Fragments keyed by all they show (a topic's trail and pages):
        # several thousand of a few kilobytes each.
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
}

# Sessions in the database, read through the shared cache: no query for them
# on a page view, and none lost when the cache fails or is flushed.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# A session ends after this many seconds without a request
# (rabat.middleware.SessionIdleTimeoutMiddleware); shorter for staff and the
# Secretariat, whose sessions reach the admin, yet long enough to write a
# Review issue in the admin without losing it on saving.
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT", default=8 * 60 * 60)
STAFF_SESSION_IDLE_TIMEOUT = env.int("STAFF_SESSION_IDLE_TIMEOUT", default=60 * 60)
SESSION_COOKIE_AGE = SESSION_IDLE_TIMEOUT

# --- Internationalisation -----------------------------------------------------

LANGUAGE_CODE = "fr"
LANGUAGES = SITE_LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
# English dates day first, on a 24-hour clock (see rabat/formats/en).
FORMAT_MODULE_PATH = ["rabat.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Brussels"

MODELTRANSLATION_DEFAULT_LANGUAGE = "fr"
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("fr", "en")}
# Vendored copy instead of the CDN default: nothing is fetched at run time.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

# --- Static and media files ---------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Uploaded files go to MEDIA_ROOT, or, when AWS_STORAGE_BUCKET_NAME is set,
# to that bucket of an S3-compatible store (django-storages), which every web
# node and worker then shares. Credentials come from boto3's usual variables
# (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY). Files are always served through
# the portal's views (rabat.http.stored_file_response), which read them
# through the storage: the bucket stays private.
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env("AWS_S3_ENDPOINT_URL", default=None),
            "region_name": env("AWS_S3_REGION_NAME", default=None),
            "location": env("AWS_LOCATION", default=""),
            # As on disk: a name already taken gets a new one, never overwritten.
            "file_overwrite": False,
        },
    }
else:
    _default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": _default_storage,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Office documents are zip archives: refused (rabat.uploads) when their
# members expand to more than this, or to more than this many times their
# compressed size (real documents: 2 to 20 times).
UPLOAD_ZIP_MAX_BYTES = env.int("UPLOAD_ZIP_MAX_BYTES", default=100 * 1024 * 1024)
UPLOAD_ZIP_MAX_RATIO = env.int("UPLOAD_ZIP_MAX_RATIO", default=100)

# --- Authentication (django-allauth) ------------------------------------------

AUTHENTICATION_BACKENDS = ["rabat.auth_backends.AccountBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "contacts:dashboard"

ACCOUNT_ADAPTER = "rabat.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_REAUTHENTICATION_REQUIRED = True
# A login counts as a reauthentication for this long (rabat.adapters): long
# enough to install an authenticator app right after logging in.
ACCOUNT_REAUTHENTICATION_TIMEOUT = 600
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
# Sessions last while they are used, up to the idle timeout, browser closed or
# not: no "Remember me" box, which the timeout would override.
ACCOUNT_SESSION_REMEMBER = True
# The subject prefix is translated, in the recipient's language
# (rabat.emails.email_subject_prefix), as is every account email.
# A notice to the member when their password, addresses or second factor change.
ACCOUNT_EMAIL_NOTIFICATIONS = True
# No email to an address that has no account (a password reset asked for a
# stranger's address): the page answers the same, nothing is sent.
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
# Failed logins (rabat.adapters.AccountAdapter): "login_failed" counts per
# client IP, and per address *and* IP (its "key"), so that a stranger's
# guesses never lock the owner out; "login_failed_account" per address from
# every client, loosely. A password reset is limited only by its own rates.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "login_failed_account": "100/h/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
    "confirm_email": "1/3m/key",
}
# How long a browser stays "known" for the address it logged in with: the
# loose per-address limit above does not apply to it (rabat.adapters).
KNOWN_DEVICE_MAX_AGE_SECONDS = env.int(
    "KNOWN_DEVICE_MAX_AGE_SECONDS", default=180 * 24 * 3600
)
# Behind N reverse proxies, the client's address is the N-th from the right
# of X-Forwarded-For: the rate limits (allauth's, the Review's subscriptions)
# then count per visitor, not per proxy.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Rabat Process"

# --- Email and background tasks -------------------------------------------------

# EMAIL_URL examples: smtp+tls://user:password@smtp.example.org:587,
# consolemail:// (development default), filemail:///tmp/rabat-mail
_email_url = env("EMAIL_URL", default="consolemail://")
_email = env.email_url_config(_email_url)
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email.get("EMAIL_HOST", "localhost")
EMAIL_PORT = _email.get("EMAIL_PORT", 25)
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
# django-environ drops the leading slash of filemail:///tmp/rabat-mail: the
# path is read from the URL itself, absolute as the README says.
EMAIL_FILE_PATH = (
    urlsplit(_email_url).path or None if _email_url.startswith("filemail:") else None
)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", default="Rabat Process <no-reply@processusderabat.net>"
)
SERVER_EMAIL = env("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)

# The Rabat Review (newsletter) is sent from its own address; replies go to
# the Secretariat.
REVIEW_FROM_EMAIL = env(
    "REVIEW_FROM_EMAIL", default="Rabat Review <review@processusderabat.net>"
)
REVIEW_REPLY_TO = env(
    "REVIEW_REPLY_TO",
    default="Rabat Process Secretariat <info@processusderabat.net>",
)

# Email leaves through the task queue, worked by `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- Contacts directory ---------------------------------------------------------

PHONENUMBER_DEFAULT_FORMAT = "INTERNATIONAL"
# A contact whose card was not confirmed for this long is reminded (and warned
# on the dashboard).
CONTACT_VERIFICATION_MAX_AGE_DAYS = 365
INVITATION_VALIDITY_DAYS = 14
# How long the link confirming a member's new email address works.
EMAIL_CHANGE_VALIDITY_HOURS = 48
CONTACT_PHOTO_MAX_BYTES = 5 * 1024 * 1024
CONTACT_PHOTO_MAX_PIXELS = 40_000_000

# --- Forms --------------------------------------------------------------------

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Security -----------------------------------------------------------------

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # The Django admin and allauth set a few style attributes.
        "style-src": ["'self'", "'unsafe-inline'"],
        # The TOTP QR code is an inline SVG data URI.
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# --- Logging ------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}

# --- Caching of public pages ----------------------------------------------------

# Browsers and proxies may keep anonymous public pages this long.
PUBLIC_PAGE_CACHE_SECONDS = env.int("PUBLIC_PAGE_CACHE_SECONDS", default=300)
# The server keeps the rendered page for anonymous visitors this long
# (rabat.page_cache): a save invalidates it at once; this bounds what changes
# with time alone (a news item published at a later hour). 0: no such cache.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)
# The content of the same pages is kept this long as a template fragment, for
# members and the visitors the page cache does not serve (rabat.page_cache),
# under the same version. 0: no such cache.
PUBLIC_CONTENT_CACHE_SECONDS = env.int("PUBLIC_CONTENT_CACHE_SECONDS", default=300)

# --- The i-Map (countries.maps) ---------------------------------------------------

# How the i-Map draws Western Sahara, as the Secretariat decides:
# "separate" (the default, as United Nations maps do): a territory of its own,
# outside every country's shape; "morocco": within Morocco's shape. Either
# way its boundary with Morocco is dashed, and the boundary disclaimer is
# shown under every map.
IMAP_WESTERN_SAHARA = env("IMAP_WESTERN_SAHARA", default="separate")
