"""CSV and text files as rows of cells: encoding and separator told apart by the bytes.

Excel on Russian or Kazakh Windows writes cp1251 or kz1048 with semicolons; other tools
UTF-8 (with or without BOM) or UTF-16. One encoding must explain every byte of a file:
a file that is UTF-8 but for one line is refused, naming that line, never decoded
in a code page that would turn its other lines into nonsense.
"""

import codecs
import csv
import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .errors import ChoiceNeeded, FileRefused

# Codec name -> what the editor sees. kz1048 is Windows' Kazakh code page.
ENCODINGS = {
    "utf-8": gettext_lazy("UTF-8 (with or without BOM)"),
    "utf-16": gettext_lazy("UTF-16 (Excel “Unicode text”)"),
    "cp1251": gettext_lazy("Windows-1251 (Cyrillic, Russian Windows)"),
    "kz1048": gettext_lazy("Windows-1048 (Kazakh Windows)"),
}
SEPARATORS = {";": gettext_lazy("semicolon ;"), ",": gettext_lazy("comma ,"), "\t": gettext_lazy("tab")}

# Bytes that are Kazakh letters in kz1048 and rarer Serbian/Ukrainian ones in cp1251.
KAZAKH_ONLY_BYTES = frozenset(b"\x8d\x8e\x9d\x9e\xa1\xa2\xa3\xa5\xaa\xaf\xb4\xba\xbc\xbd\xbe\xbf")
# Cyrillic letters in UTF-8: two bytes, the first D0-D3. A few of them mean the file is UTF-8.
UTF8_CYRILLIC = re.compile(rb"[\xd0-\xd3][\x80-\xbf]")
FIELD_LIMIT = 128 * 1024


def line_of(data, offset):
    return data.count(b"\n", 0, offset) + 1


def refuse_undecodable(data, error, encoding):
    line = line_of(data, error.start)
    raise FileRefused(
        _(
            "Line %(line)s of the file cannot be read as %(encoding)s (byte %(byte)s). Save the whole file in one "
            "encoding, best as “CSV UTF-8”, or choose another encoding."
        )
        % {
            "line": line,
            "encoding": ENCODINGS.get(encoding, encoding),
            "byte": data[error.start : error.start + 1].hex(),
        }
    )


def decode(data, encoding=""):
    """(text, codec) of CSV bytes; BOMs and UTF-16 are recognised, cp1251 and kz1048 told apart."""
    if encoding:
        if encoding not in ENCODINGS:
            raise FileRefused(_("Unknown encoding."))
        codec = "utf-8-sig" if encoding == "utf-8" else encoding
        try:
            return data.decode(codec), encoding
        except UnicodeDecodeError as error:
            refuse_undecodable(data, error, encoding)
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8"
        except UnicodeDecodeError as error:
            error.start += len(codecs.BOM_UTF8)
            refuse_undecodable(data, error, "utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as error:
            refuse_undecodable(data, error, "utf-16")
    head = data[:4000]
    if head.count(0) > len(head) // 4:  # UTF-16 without BOM: every other byte of Latin text is zero
        codec = "utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be"
        try:
            return data.decode(codec), "utf-16"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        if len(UTF8_CYRILLIC.findall(data, 0, 1 << 20)) >= 3:
            # Most of it is UTF-8: a code page would "explain" every byte and garble every other line.
            raise FileRefused(
                _(
                    "The file mixes encodings: it is written in UTF-8, but line %(line)s is not (it may have been "
                    "pasted from a file in Windows-1251). Save the whole file again as “CSV UTF-8”."
                )
                % {"line": line_of(data, error.start)}
            ) from None
    # Both Windows code pages decode almost every byte; they differ only in the Kazakh letters.
    codec = "kz1048" if KAZAKH_ONLY_BYTES.intersection(data) else "cp1251"
    try:
        return data.decode(codec), codec
    except UnicodeDecodeError as error:
        line = line_of(data, error.start)
        raise FileRefused(
            _(
                "Line %(line)s holds a byte (%(byte)s) that neither UTF-8 nor the Windows Cyrillic and Kazakh code "
                "pages define: the file is damaged or in another encoding. Save it again as “CSV UTF-8”."
            )
            % {"line": line, "byte": data[error.start : error.start + 1].hex()}
        ) from None


def lines(text):
    """The text's lines with their ends, one at a time (a list of them would copy the whole file)."""
    start = 0
    size = len(text)
    while start < size:
        end = text.find("\n", start)
        if end == -1:
            yield text[start:]
            return
        yield text[start : end + 1]
        start = end + 1


def is_named_header(cells, header_column):
    return any(header_column(cell) == "indicator" for cell in cells)


def detect_separator(text, header_column):
    sample = [line for line in text[:20000].splitlines()[:40] if line.strip()]
    if not sample:
        raise FileRefused(_("The file is empty."))
    consistent = []
    for separator in SEPARATORS:
        widths = {len(row) for row in csv.reader(sample[:-1] or sample, delimiter=separator)}
        if len(widths) == 1 and widths != {1}:
            consistent.append(separator)
    named = [
        s for s in SEPARATORS if any(is_named_header(row, header_column) for row in csv.reader(sample, delimiter=s))
    ]
    if len(named) == 1:
        return named[0]
    if len(consistent) == 1 and not named:
        return consistent[0]
    raise ChoiceNeeded(
        "separator", _("Cannot tell which character separates the columns. Choose the separator."), sample[:3]
    )


def csv_rows(data, options, header_column):
    """(numbered rows, encoding, separator) of a text file; the rows are read as they are asked for."""
    text, encoding = decode(data, options.encoding)
    del data
    separator = options.separator or detect_separator(text, header_column)
    csv.field_size_limit(FIELD_LIMIT)
    reader = csv.reader(lines(text), delimiter=separator)

    def rows():
        try:
            yield from enumerate(reader, start=1)
        except csv.Error as error:
            if "field larger" in str(error):
                raise FileRefused(
                    _(
                        "A cell near line %(line)s is longer than %(limit)s KiB: no value or note is that long. Check "
                        "the file's quotation marks (a missing closing quote joins the lines that follow)."
                    )
                    % {"line": reader.line_num, "limit": FIELD_LIMIT // 1024}
                ) from None
            raise FileRefused(
                _("Line %(line)s cannot be read as CSV: %(problem)s.") % {"line": reader.line_num, "problem": error}
            ) from None

    return rows(), encoding, separator
