"""The environment variables a build reads, each checked where it is read and all at once
before a command starts (:func:`check_environment`), so that a bad value is named with its
variable instead of failing somewhere in the build.

``UNRES_JOBS``
    processes to use (:func:`build_tools.parallel.max_jobs`).
``UNRES_PDF_SECONDS``
    time limit for reading one PDF (:func:`build_tools.pdf_worker.time_limit`).
``SOURCE_DATE_EPOCH``
    the build's date for reproducible builds (:func:`source_date_epoch`).
``SITE_URL``
    the address the site is published at (:func:`site_url`).
"""

from __future__ import annotations

import datetime
import os
from urllib.parse import urlsplit

from .parallel import max_jobs
from .pdf_worker import time_limit

EPOCH_ENV = "SOURCE_DATE_EPOCH"
SITE_URL_ENV = "SITE_URL"


def source_date_epoch() -> datetime.datetime | None:
    """``SOURCE_DATE_EPOCH`` as a UTC time, None when it is not set; ValueError naming the
    variable when it is not a whole number of seconds since 1970."""
    configured = os.environ.get(EPOCH_ENV, "").strip()
    if not configured:
        return None
    try:
        return datetime.datetime.fromtimestamp(int(configured), datetime.UTC)
    except (ValueError, OverflowError, OSError):
        raise ValueError(f"{EPOCH_ENV}={configured[:40]!r}: expected a whole number of seconds since "
                         "1970-01-01 (such as the output of: git log -1 --format=%ct)") from None


def site_url() -> str | None:
    """``SITE_URL`` when set; ValueError naming the variable when it is not an ``http:`` or
    ``https:`` address."""
    configured = os.environ.get(SITE_URL_ENV)
    if configured is None or not configured.strip():
        return None
    parts = urlsplit(configured)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(
            c.isspace() or not c.isprintable() or c in "\"'<>`\\" for c in configured):
        raise ValueError(f"{SITE_URL_ENV}={configured[:80]!r}: expected the site's address, such as "
                         "https://example.org/resolutions/")
    return configured


def check_environment() -> list[str]:
    """The problems with the environment variables the build reads (empty when none)."""
    problems = []
    for check in (max_jobs, time_limit, source_date_epoch, site_url):
        try:
            check()
        except ValueError as error:
            problems.append(str(error))
    return problems
