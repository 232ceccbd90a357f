# SPDX-License-Identifier: MIT
"""STAR Desktop: the domain and the composition root (no Qt at module level)."""

__version__ = "0.1.0"
