"""The tool's own citation, shared by ``nonaligned cite`` and the report's data.

It lives in its own small module so that the report (a lower layer) does not import the CLI.
"""

from __future__ import annotations

from . import __version__

TOOL_CITATION = f"""
@software{{nonaligned,
  title   = {{nonaligned: an observatory of foreign-policy alignment}},
  author  = {{{{nonaligned developers}}}},
  version = {{{__version__}}},
  year    = {{2026}},
  note    = {{UN General Assembly votes, bloc memberships, alliance obligations and coded news events}}
}}
"""
