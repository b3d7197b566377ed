"""Researchers' downloads: the published data as files, filtered like the API, streamed."""
