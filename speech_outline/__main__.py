"""`python -m speech_outline`: the same as the `speech-outline` command."""
import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
