"""名单记录编号: a list entry's public id is salted with the secret (core.list_entry_id), as a person's key is: the
black list's entries are named by their record, whose key holds a person's ID number, and an unsalted hash of it is
reversed by trying every birth date (REFERENCE §3)."""

from __future__ import annotations

from creditwh.platform.config import id_salt
from creditwh.platform.sql import execute
from creditwh.platform.warehouse import write_transaction


def salt() -> str:
    """The secret the list queries salt a red-list entry's id with ($salt); a black-list entry's is built with
    marts.list_memberships (its entry_id)."""
    return id_salt()


def salt_logged_entry_ids(con) -> int:
    """Rewrite the entry ids a publication log holds from before they were salted to the ids the lists now publish,
    once (publication/list_log_salt_ids); returns how many rows were rewritten. A log with none is not written."""
    if not execute(con, "publication/list_log_unsalted").fetchone()[0]:
        return 0
    return write_transaction(con, lambda: execute(con, "publication/list_log_salt_ids", {"salt": salt()}).fetchone()[0])
