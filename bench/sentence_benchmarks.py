#!/usr/bin/env python3
"""PLOVER GSR, PETRARCH validation suite and rater-coded news through `detente extract` and the
shared scorers. The code lives in `detente.evaluation` (also `detente eval sentences`)."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from detente.evaluation import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
