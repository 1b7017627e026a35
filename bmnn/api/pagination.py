"""Pages of API lists: `?limit=` and `?offset=` as DRF reads them, with a ceiling on `limit`.

Without one, `?limit=10**30` reached the database as a LIMIT past its integer range (a server
error) and a large limit would read a whole table in one request.
"""

from __future__ import annotations

from rest_framework.pagination import LimitOffsetPagination


class Pagination(LimitOffsetPagination):
    default_limit = 50
    max_limit = 500  # a larger `?limit=` is read as 500
