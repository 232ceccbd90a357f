# SPDX-License-Identifier: MIT
"""Wrappers around optional language tools (enchant, Harper, LanguageTool) and word lists."""
