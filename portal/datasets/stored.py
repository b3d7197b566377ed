"""A release's downloads are built once. The first answer is stored as it streams out (compressed, in
parts, in the database, so that every app server has it) and later requests for the same address get
those bytes back: a release never changes, so neither does its file, and sending it costs a fraction
of building it again from the versions table.

The address (http.answer_address) holds the file format's version, the language, the host and the
path; files of an older format are removed when one of the current format is stored. Only full files
are stored (a query of at most `release` and `bom`, each once; the changes between two releases
with `since` alone): filtered selections are many, small and quick to build, and storing each would
let anyone fill the database."""

import hashlib
import tempfile
import zlib

from django.db import IntegrityError, transaction

from . import http
from .models import ReleaseFile, ReleaseFilePart

PART_BYTES = 1024 * 1024  # compressed bytes per stored part: what a request holds at a time
CHUNK_BYTES = 256 * 1024  # bytes per chunk sent
COMPRESSION_LEVEL = 1  # the fastest: it keeps the first answer's pace, and CSV still shrinks tenfold
STORED_PARAMETERS = {"release", "bom"}


def storable(query, names=STORED_PARAMETERS):
    """Whether the answer to `query` (a release's full file) is stored: it names no parameter but `names`,
    and each once (so that one file has a bounded number of addresses)."""
    return set(query) <= set(names) and all(len(query.getlist(name)) == 1 for name in query)


def release_file_chunks(request, release, build, names=STORED_PARAMETERS):
    """The chunks of the answer to `request`, a download of `release`: the stored bytes, or those of
    `build()`, stored once they have all gone out; just `build()`'s when the query is not storable."""
    if not storable(request.GET, names):
        return build()
    digest = hashlib.sha256(http.answer_address(request).encode()).hexdigest()
    stored = ReleaseFile.objects.filter(release=release, address=digest).values_list("pk", flat=True).first()
    if stored is not None:
        return stored_chunks(stored)
    return storing(build(), release, digest, request.get_full_path())


def storing(chunks, release, digest, path):
    """`chunks` as bytes, compressed into a temporary file on the way; kept when the last one is sent.
    A client that leaves early closes this generator, and nothing is kept."""
    compressor = zlib.compressobj(COMPRESSION_LEVEL)
    size = 0
    with tempfile.TemporaryFile() as spool:
        for chunk in chunks:
            data = chunk.encode() if isinstance(chunk, str) else chunk
            size += len(data)
            spool.write(compressor.compress(data))
            yield data
        spool.write(compressor.flush())
        spool.seek(0)
        keep(release, digest, path, size, spool)


def keep(release, digest, path, size, spool):
    try:
        with transaction.atomic():
            ReleaseFile.objects.filter(release=release).exclude(format_version=http.FORMAT_VERSION).delete()
            file = ReleaseFile.objects.create(
                release=release, address=digest, path=path, format_version=http.FORMAT_VERSION, size=size
            )
            number = 0
            while data := spool.read(PART_BYTES):
                ReleaseFilePart.objects.create(file=file, number=number, data=data)
                number += 1
    except IntegrityError:  # a request for the same file stored it first: the bytes are the same
        pass


def stored_chunks(file_id):
    """The stored file's bytes in chunks of at most CHUNK_BYTES, reading one part at a time."""
    parts = ReleaseFilePart.objects.filter(file_id=file_id).order_by("number").values_list("pk", flat=True)
    decompressor = zlib.decompressobj()
    for pk in list(parts):
        data = bytes(ReleaseFilePart.objects.values_list("data", flat=True).get(pk=pk))
        out = decompressor.decompress(data, CHUNK_BYTES)
        while out:
            yield out
            out = decompressor.decompress(decompressor.unconsumed_tail, CHUNK_BYTES)
    if tail := decompressor.flush():
        yield tail
