"""Pagination for every list: ``?page=N`` (from 1), ``PAGE_SIZE`` items a page, with the count."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from math import ceil
from typing import Any

from django.db.models import QuerySet
from ninja import Query, Schema
from pydantic import create_model

PAGE_SIZE = 25
# the highest page a list answers: 100 pages of 25 is 2,500 items, far more than one case's
# entries or one professional's cases. A near maximum in the OpenAPI keeps generated pages
# (schemathesis's stateful phase) near the real ones, so its links from a page's first item
# are followed instead of starting from empty pages far past the end.
MAX_PAGE = 100

PageNumber = Query(1, ge=1, le=MAX_PAGE, description="Paginanummer, vanaf 1.")


def page_of(item: type[Schema], name: str) -> type[Schema]:
    """The schema of one page of ``item``s."""
    return create_model(
        name,
        __base__=Schema,
        count=(int, ...),
        page=(int, ...),
        pages=(int, ...),
        page_size=(int, ...),
        items=(list[item], ...),  # type: ignore[valid-type]  # a schema made at run time
    )


def paginate(
    rows: Sequence[Any] | QuerySet[Any],
    page: int,
    convert: Callable[[Any], Any] = lambda row: row,
) -> dict[str, Any]:
    """One page of ``rows`` (a list or a queryset); past the last page the items are empty."""
    count = rows.count() if isinstance(rows, QuerySet) else len(rows)
    start = (page - 1) * PAGE_SIZE
    items = [convert(row) for row in rows[start : start + PAGE_SIZE]] if start < count else []
    return {
        "count": count,
        "page": page,
        "pages": max(1, ceil(count / PAGE_SIZE)),
        "page_size": PAGE_SIZE,
        "items": items,
    }
