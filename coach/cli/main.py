"""``coach``: the entry point. Each subcommand lives in its own module with ``add_parser`` and ``run``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from coach import __version__
from coach.cli import analyze, classify, serve, sets
from coach.errors import CoachError, InputError

EXIT_INPUT_ERROR = 2
EXIT_MODEL_ERROR = 3

SUBCOMMANDS = (classify, analyze, serve, sets)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="coach", description="Label utterances and give feedback on how well an action learning set kept asking."
    )
    parser.add_argument("--version", action="version", version=f"coach {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True)
    for module in SUBCOMMANDS:
        module.add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        code: int = args.run(args)
    except InputError as error:
        print(f"coach: {error}", file=sys.stderr)
        return EXIT_INPUT_ERROR
    except CoachError as error:
        print(f"coach: {error}", file=sys.stderr)
        return EXIT_MODEL_ERROR
    except KeyboardInterrupt:
        return 130
    return code


if __name__ == "__main__":
    sys.exit(main())
