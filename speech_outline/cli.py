"""`speech-outline` (provisional; see issue 5)."""
from __future__ import annotations

import argparse
import sys

from . import parse_file
from .formats import json as json_format


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="speech-outline")
    sub = ap.add_subparsers(dest="command", required=True)
    conv = sub.add_parser("convert")
    conv.add_argument("file")
    conv.add_argument("-t", "--to", default="json")
    args = ap.parse_args(argv)
    sys.stdout.write(json_format.write(parse_file(args.file)))
    return 0
