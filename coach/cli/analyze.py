"""``coach analyze FILE...``: placeholder module, filled in by the session-feedback work."""

from __future__ import annotations

from typing import Any


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser("analyze", help="analyse a session transcript")
    parser.set_defaults(run=lambda args: 2)
