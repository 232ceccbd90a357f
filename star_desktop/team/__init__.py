# SPDX-License-Identifier: MIT
"""One team calendar through the council's PostgreSQL server, local first.

Every write goes to the local SQLite database as before; a draft whose version is newer
than the one the server has waits to be sent (`star_desktop.storage` table
``team_state``). `sync.TeamSync` sends the waiting drafts and fetches the other authors'
posts when the server can be reached, and changes nothing when it cannot. The server is
named in the policy (``[team] url``); the password is never there: libpq reads it from
the user's own password file (``pgpass``), or the server trusts the council's logon.
"""

from __future__ import annotations

import checks


def team_url(policy: checks.Policy) -> str | None:
    """The team server named in the policy (``[team] url``), or None (no team sharing)."""
    section = policy.data.get("team", {})
    url = section.get("url") if isinstance(section, dict) else None
    return url or None
