"""Links of a list page's rows, built from one `url_for` per page instead of one per row.

A staff list shows 20–50 rows with one or more links each; `url_for` walks the URL map
every time. `IdUrl` asks it once, with a marker id, and then only puts each row's id in
place: `{{ case_url[case.id] }}` gives exactly what `url_for("candidate.case", case_id=case.id)`
would.
"""
from __future__ import annotations

from flask import url_for

_MARK = 987654321  # an id no route contains by itself


class IdUrl:
    def __init__(self, endpoint: str, id_arg: str, **values):
        url = url_for(endpoint, **{id_arg: _MARK}, **values)
        head, mark, tail = url.partition(str(_MARK))
        if not mark or str(_MARK) in tail:
            raise ValueError(f"{endpoint}: the id does not appear once in {url}")
        self._head, self._tail = head, tail

    def __getitem__(self, id_: int) -> str:
        return f"{self._head}{int(id_)}{self._tail}"
