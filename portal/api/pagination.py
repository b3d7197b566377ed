from rest_framework.pagination import CursorPagination, PageNumberPagination

MAX_PAGE_SIZE = 500


class PagePagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE


class ObservationCursorPagination(CursorPagination):
    """A cursor stays stable while data is added and costs no COUNT over millions of rows.

    Ordered by id: the cursor needs a unique column (ties fall back to offsets).
    """

    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000
    ordering = ("id",)
