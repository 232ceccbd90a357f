# SPDX-License-Identifier: MIT
"""Approval packs: export, verify, review and import decisions (no Qt)."""
