"""NIP masking for anonymous readers (UU 27/2022 PDP): a NIP is personal data, its shape is not.

What is masked, in every JSON, CSV and XLSX response to a request without a token:
- every value under a key `nip` or `supervisor_nip`, whatever it looks like;
- every value under `asn_kind` ('PNS' or 'PPPK'): it tells digits the masked NIP hides (an NI PPPK has `21`
  where a NIP has the appointment month), so it is left out (null) as those digits are;
- every run of exactly 18 digits inside any other text (the column labels of a page's `headers` included: there
  the key `nip` names a column and its value is the header `NIP`, not a NIP), at any depth (lists such as `assigned_to`,
  `staff`, `assigned`, nested maps such as line-of-sight paths, error messages).
A NIP keeps its first 6 and last 2 digits: `198503152010011002` -> `198503**********02`. Names and
positions are not masked. Requests with a reader or editor token see everything.

Matching follows the same promise: whoever may not see a NIP may find an ASN by NIP only with the whole
NIP, never by a part of it (else the hidden digits could be guessed one at a time by watching what a
fragment finds). A named query that can match part of a NIP declares the parameter `nip_exact`; for those
requests it is always true (`exact_nips_only`, applied to every read the service makes), and asking for
false explicitly is refused (403).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

NIP_KEYS = frozenset({"nip", "supervisor_nip"})
NIP_EXACT_PARAM = "nip_exact"
KIND_KEYS = frozenset({"asn_kind"})  # derived from the NIP's masked digits
LABEL_KEYS = frozenset({"headers"})  # a page's column -> header label map: `nip` there names a column, holds no NIP
_NIP_RUN = re.compile(r"(?<!\d)(\d{6})\d{10}(\d{2})(?!\d)")


def mask_nip(value: str) -> str:
    """Keep the first 6 and last 2 characters of an 18-digit NIP; anything shorter is masked entirely."""
    if len(value) >= 10:
        return value[:6] + "*" * (len(value) - 8) + value[-2:]
    return "*" * len(value)


def mask_text(text: str) -> str:
    """Every 18-digit run in the text masked."""
    return _NIP_RUN.sub(lambda match: match.group(1) + "*" * 10 + match.group(2), text)


def mask(value: Any, key: str | None = None) -> Any:
    """A copy of a JSON-like value with NIPs masked (see the module doc)."""
    if isinstance(value, dict):
        if key in LABEL_KEYS:
            return {name: mask_text(item) if isinstance(item, str) else item for name, item in value.items()}
        return {name: mask(item, name) for name, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [mask(item, key) for item in value]
    if key in KIND_KEYS:
        return None
    if isinstance(value, str):
        if key in NIP_KEYS:
            return mask_nip(value)
        return mask_text(value)
    if key in NIP_KEYS and isinstance(value, int) and not isinstance(value, bool):
        return mask_nip(str(value))
    return value


def exact_nips_only(params: Mapping[str, Any]) -> dict[str, Any]:
    """The parameters of a query with `nip_exact` forced on (for readers who may not see NIPs)."""
    forced = dict(params)
    if NIP_EXACT_PARAM in forced:
        forced[NIP_EXACT_PARAM] = True
    return forced
