"""Text from the server made safe to show: names and file names without bidi controls.

A name or file name with a right-to-left override shows `gpj.exe` as `exe.jpg`; the
explicit embedding, override and isolate controls never belong in one, so they are removed
(the text's own right-to-left letters still lay out by the Unicode bidi algorithm).
"""

from __future__ import annotations

import re

# LRE RLE PDF LRO RLO, LRI RLI FSI PDI, and the Arabic letter mark
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u061c]")


def strip_bidi_controls(text: str) -> str:
    return BIDI_CONTROLS.sub("", text)
