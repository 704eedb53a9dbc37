"""What a page loads from elsewhere: scripts, styles and icons must come from our own server (no CDN)."""

import re

ASSET_REFERENCE = re.compile(r"<(?:script|link)\b[^>]*?\b(?:src|href)=\"([^\"]*)\"", re.IGNORECASE)


def asset_addresses(html: str) -> list[str]:
    """Every address a <script> or <link> element of the page points to."""
    return ASSET_REFERENCE.findall(html)


def external_assets(html: str) -> list[str]:
    """The asset addresses that leave our server (absolute or protocol-relative URLs)."""
    return [address for address in asset_addresses(html) if not address.startswith("/") or address.startswith("//")]
