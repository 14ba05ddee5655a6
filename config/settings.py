"""Settings, read from the environment with defaults that run a demo at once.

DATABASE_URL absent: SQLite in `data/` inside the checkout (git ignores it);
`sqlite:///PATH`: SQLite at PATH; `postgres://...`: PostgreSQL through psycopg 3.
"""

import os
from email.utils import formataddr
from pathlib import Path

import dj_database_url
import dj_email_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("OOGST_DATA_DIR", BASE_DIR / "data"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DEBUG", False)
# The default key only serves a development checkout; a deployment sets SECRET_KEY.
SECRET_KEY = os.environ.get("SECRET_KEY", "oogst-development-key-not-for-production-use")
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "oogst.accounts",
    "oogst.engagements",
    "oogst.contracting",
    "oogst.results",
    "oogst.closing",
    "oogst.harvest",
    "oogst.research",
    "oogst.interchange",
    "oogst.notifications",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "oogst.accounts.middleware.UserLanguageMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "oogst.research.context_processors.practices",
            ],
        },
    },
]

DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "oogst.sqlite3"),
        }
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers take the lock when their transaction starts, so an autosave and a submit
    # arriving together wait for each other instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboard:home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Amsterdam")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
# Serve straight from the source folders, so the demo needs no collectstatic step; a
# deployment may still run collectstatic for compressed, cache-busting copies.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
STATIC_ROOT.mkdir(parents=True, exist_ok=True)

# Invitations go through Django's mail; the console backend shows them in the demo's output.
MAILERS: dict[str, dict[str, object]] = {
    "default": {
        "BACKEND": os.environ.get(
            "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
        ),
    }
}


# EMAIL_URL (smtp://user:pass@host:port, smtp+tls://, smtp+ssl://) or the usual EMAIL_HOST,
# EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS choose an SMTP server.
def smtp_options() -> dict[str, object] | None:
    if url := os.environ.get("EMAIL_URL", ""):
        parsed = dj_email_url.parse(url)
        host, port = parsed["EMAIL_HOST"], parsed["EMAIL_PORT"]
        user, password = parsed["EMAIL_HOST_USER"], parsed["EMAIL_HOST_PASSWORD"]
        tls, ssl = parsed["EMAIL_USE_TLS"], parsed["EMAIL_USE_SSL"]
    elif host := os.environ.get("EMAIL_HOST", ""):
        port = int(os.environ.get("EMAIL_PORT", "25"))
        user = os.environ.get("EMAIL_HOST_USER", "")
        password = os.environ.get("EMAIL_HOST_PASSWORD", "")
        tls, ssl = env_bool("EMAIL_USE_TLS", False), env_bool("EMAIL_USE_SSL", False)
    else:
        return None
    return {
        "host": host,
        "port": port,
        "username": user or "",
        "password": password or "",
        "use_tls": bool(tls),
        "use_ssl": bool(ssl),
        "timeout": 20,
    }


if (SMTP := smtp_options()) is not None:
    MAILERS["default"] = {"BACKEND": "django.core.mail.backends.smtp.EmailBackend", "OPTIONS": SMTP}
# The sender: a name and an address (OOGST_FROM_NAME, OOGST_FROM_EMAIL).
DEFAULT_FROM_EMAIL = formataddr(
    (
        os.environ.get("OOGST_FROM_NAME", "Oogst"),
        os.environ.get("OOGST_FROM_EMAIL", os.environ.get("DEFAULT_FROM_EMAIL", "oogst@localhost")),
    )
)
# Where the links in messages point (messages are also sent outside any request).
OOGST_SITE_URL = os.environ.get("OOGST_SITE_URL", "http://127.0.0.1:8000")
# Messages are delivered by Django's task framework: at once by default (the demo and the
# tests need no worker); a deployment sets OOGST_TASKS=database and runs `oogst db_worker`.
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django.tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
        }[os.environ.get("OOGST_TASKS", "immediate")],
    }
}
# Reminders of open actions: after this many days, then weekly, at most three times.
OOGST_REMINDER_DAYS = int(os.environ.get("OOGST_REMINDER_DAYS", "7"))

# Practice research: any aggregate cell based on fewer engagements is suppressed.
RESEARCH_K = int(os.environ.get("OOGST_RESEARCH_K", "5"))

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# Everything is served from our own origin: no inline scripts, no third-party hosts.
SECURE_CSP = {
    "default-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "style-src": ["'self'"],
    "script-src": ["'self'"],
    "frame-ancestors": ["'none'"],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
