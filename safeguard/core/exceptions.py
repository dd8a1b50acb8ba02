from django.http import Http404


class RecordNotFound(Http404):
    """A record that does not exist or that the user may not see: both get the same page."""
