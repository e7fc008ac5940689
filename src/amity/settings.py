"""Django settings, all read from the environment (see README "Configuration")."""

import os
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from amity.core import config

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = config.data_dir()

DEBUG = config.env_flag("AMITY_DEBUG")
SECRET_KEY = config.secret_key(DATA_DIR)
BASE_URL = os.environ.get("AMITY_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

_base_host = BASE_URL.split("://", 1)[-1].split("/", 1)[0].rsplit(":", 1)[0]
ALLOWED_HOSTS = sorted(
    {_base_host, "127.0.0.1", "localhost", "[::1]"}
    | {h.strip() for h in os.environ.get("AMITY_ALLOWED_HOSTS", "").split(",") if h.strip()}
)
CSRF_TRUSTED_ORIGINS = [BASE_URL]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_tasks_db",
    "ninja",
    "amity.core",
    "amity.accounts",
    "amity.culture",
    "amity.people",
    "amity.interactions",
    "amity.privacy",
    "amity.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "amity.accounts.middleware.SessionSecurityMiddleware",
    "amity.accounts.middleware.UserPreferencesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "amity.core.page_errors.PageErrorsMiddleware",
    "amity.core.api_errors.ApiErrorBodyMiddleware",
]

ROOT_URLCONF = "amity.urls"
WSGI_APPLICATION = "amity.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "amity.web.context.navigation",
            ],
        },
    }
]

DATABASES = {"default": config.database(DATA_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Internationalization: UI in English, Thai and Polish; any language can be added as a catalog.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("th", _("Thai")), ("pl", _("Polish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
TIME_ZONE = "UTC"
LANGUAGE_COOKIE_NAME = "amity_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Assets come from installed packages and the apps themselves; no collectstatic step needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

SESSION_COOKIE_AGE = int(os.environ.get("AMITY_SESSION_SECONDS", 60 * 60 * 12))
SESSION_COOKIE_HTTPONLY = True
# Sign-in security (amity.accounts): idle sessions end, repeated failures lock, roles need 2FA.
AMITY_SESSION_IDLE_SECONDS = int(os.environ.get("AMITY_SESSION_IDLE_SECONDS", 30 * 60))
AMITY_SIGNIN_MAX_FAILURES = int(os.environ.get("AMITY_SIGNIN_MAX_FAILURES", 5))
AMITY_TRUSTED_PROXIES = config.trusted_proxies(os.environ.get("AMITY_TRUSTED_PROXIES"))
AMITY_SIGNIN_WINDOW_SECONDS = int(os.environ.get("AMITY_SIGNIN_WINDOW_SECONDS", 15 * 60))
AMITY_TWO_FACTOR_ROLES = [
    role.strip() for role in os.environ.get("AMITY_TWO_FACTOR_ROLES", "").split(",") if role.strip()
]
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
_https = BASE_URL.startswith("https://")
if not DEBUG and _https:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = config.env_flag("AMITY_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True

REDIS_URL = os.environ.get("AMITY_REDIS_URL") or None
TASKS = config.tasks(REDIS_URL)
if REDIS_URL:
    INSTALLED_APPS += ["django_rq"]
    RQ_QUEUES = {"default": {"URL": REDIS_URL}}
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }

MAILERS = config.smtp(os.environ.get("AMITY_SMTP_URL"))
DEFAULT_FROM_EMAIL = os.environ.get("AMITY_FROM_EMAIL", "Amity <amity@localhost>")

NINJA_PAGINATION_PER_PAGE = 50

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("AMITY_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
