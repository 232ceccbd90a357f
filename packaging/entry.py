# SPDX-License-Identifier: MIT
"""Entry point of the frozen app: the ``star-desktop`` console script's ``main``."""

import sys

from star_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
