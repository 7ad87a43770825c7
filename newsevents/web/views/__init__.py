"""One module per page: each turns request values into a template context (or a response body).

Routes are wired in ``newsevents.web.app``; SQL lives next to the page that uses it and goes through the
read-only ``ReadOnlyStore`` with ``?`` parameters.
"""
