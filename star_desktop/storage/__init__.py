# SPDX-License-Identifier: MIT
"""Local storage: drafts, revisions, the content calendar and people, in SQLite."""

from star_desktop.storage import audit
from star_desktop.storage.autosave import Autosaver
from star_desktop.storage.backup import check, latest_backup, list_backups, make_backup, restore
from star_desktop.storage.errors import (
    BusyError,
    ConflictError,
    CorruptDatabaseError,
    DiskFullError,
    ForeignDatabaseError,
    InvalidValueError,
    LocationError,
    NewerSchemaError,
    ReadOnlyError,
    SaveError,
    StorageError,
    UnknownDraftError,
    UnusableDatabaseError,
)
from star_desktop.storage.records import (
    CATEGORIES,
    CATEGORY_NAMES,
    Approval,
    Category,
    Draft,
    DraftSummary,
    Event,
    Image,
    Month,
    Override,
    Person,
    Revision,
    Status,
    Transition,
)
from star_desktop.storage.schema import SCHEMA_VERSION
from star_desktop.storage.store import UNSET, Store

__all__ = [
    "CATEGORIES",
    "CATEGORY_NAMES",
    "SCHEMA_VERSION",
    "UNSET",
    "Approval",
    "Autosaver",
    "BusyError",
    "Category",
    "ConflictError",
    "CorruptDatabaseError",
    "DiskFullError",
    "Draft",
    "DraftSummary",
    "Event",
    "ForeignDatabaseError",
    "Image",
    "InvalidValueError",
    "LocationError",
    "Month",
    "NewerSchemaError",
    "Override",
    "Person",
    "ReadOnlyError",
    "Revision",
    "SaveError",
    "Status",
    "StorageError",
    "Store",
    "Transition",
    "UnknownDraftError",
    "UnusableDatabaseError",
    "audit",
    "check",
    "latest_backup",
    "list_backups",
    "make_backup",
    "restore",
]
