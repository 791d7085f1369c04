"""``python -m hybrid_core``."""

from __future__ import annotations

import sys

from hybrid_core.cli import main

sys.exit(main())
