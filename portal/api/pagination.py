from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination, PageNumberPagination

MAX_PAGE_SIZE = 500
LARGEST_ID = 2**63 - 1  # a bigint


class PagePagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE


class ObservationCursorPagination(CursorPagination):
    """A cursor stays stable while data is added and costs no COUNT over millions of rows.

    Ordered by id: the cursor needs a unique column (ties fall back to offsets). A cursor is
    made by the API, but a client may send anything: a position that is no id is a 404
    ("Invalid cursor"), as any other malformed cursor, not a query the database refuses.
    """

    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000
    ordering = ("id",)

    def decode_cursor(self, request):
        cursor = super().decode_cursor(request)
        if cursor is not None and cursor.position is not None:
            position = cursor.position
            if not (position.isascii() and position.isdigit() and int(position) <= LARGEST_ID):
                raise NotFound(self.invalid_cursor_message)
        return cursor
