"""``python -m build_tools``: see :mod:`build_tools.cli`."""

from __future__ import annotations

import sys

from .cli import main

sys.exit(main())
