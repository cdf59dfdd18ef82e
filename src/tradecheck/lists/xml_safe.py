"""Safe XML loading for list files: no entity expansion, no external references.

List files come from the network; an XML bomb or an external-entity trick must
end as a one-line :class:`DataFileError`, never as a hang or a file read.
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

import defusedxml
import defusedxml.ElementTree as SafeET

from tradecheck.errors import DataFileError
from tradecheck.lists.base import decode_text, read_bytes

_DECLARED_ENCODING = re.compile(rb"""^<\?xml[^>]*encoding=["']([A-Za-z0-9_.-]+)["']""")


def parse_xml_file(path: Path) -> Element:
    """Parse a (possibly gzipped) XML file safely and return its root element.

    Raises:
        DataFileError: for unreadable or truncated files, bad encoding, malformed
            XML (naming line and column), DTDs with entities or external references.
    """
    data = read_bytes(path)
    if not data.strip():
        raise DataFileError("file is empty", file=str(path))
    if not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        m = _DECLARED_ENCODING.match(data.lstrip(b"\xef\xbb\xbf"))
        encoding = m.group(1).decode("ascii").lower() if m else "utf-8"
        if encoding in {"utf-8", "utf8"}:
            # Checked up front so that a wrong encoding reads as one, not as "invalid token".
            decode_text(data, file=str(path))
    try:
        root: Element = SafeET.fromstring(data, forbid_dtd=False)
    except defusedxml.DefusedXmlException as exc:
        raise DataFileError(
            f"refused unsafe XML ({type(exc).__name__}): entity declarations and external "
            "references are not allowed in list files",
            file=str(path),
        ) from exc
    except ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        raise DataFileError(f"malformed XML: {exc}", file=str(path), row=line) from exc
    return root


def local_name(tag: str) -> str:
    """The tag without its ``{namespace}`` prefix."""
    return tag.rsplit("}", 1)[-1]
