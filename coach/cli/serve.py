"""``coach serve``: the HTTP service (REST under /v1, the live WebSocket, the web pages)."""

from __future__ import annotations

import argparse
from typing import Any


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser("serve", help="run the HTTP service and web pages")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    parser.add_argument("--workers", type=int, default=1, help="worker processes; each loads the model once")
    parser.add_argument("--model", help="model name under models/ or a path (default: the best shipped model)")
    parser.add_argument(
        "--grace-seconds",
        type=float,
        default=10.0,
        help="on SIGTERM, how long in-flight requests may take to finish; live clients are closed with code 1012 "
        "(service restart) and resume with their session id and token (default: 10)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import os

    import uvicorn

    if args.model:
        os.environ["COACH_MODEL"] = args.model
    uvicorn.run(
        "coach.api.app:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        timeout_graceful_shutdown=args.grace_seconds,
        access_log=False,
        ws="wsproto",  # answers even a handshake with a 70,000-character URL (see pyproject.toml)
    )
    return 0
