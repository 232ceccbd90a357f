# SPDX-License-Identifier: MIT
"""STAR Desktop's compliance engine: pure Python, no Qt.

>>> report = check("Call me on 07700 900123")
>>> [f.rule for f in report.findings]
['personal-data']
"""

from checks.engine import AUDIENCES, PLATFORMS, Policy, check, default_policy, load_policy
from checks.findings import Finding, Report, Severity
from checks.rules import ImageRef, PolicyError

__all__ = [
    "AUDIENCES",
    "PLATFORMS",
    "Finding",
    "ImageRef",
    "Policy",
    "PolicyError",
    "Report",
    "Severity",
    "check",
    "default_policy",
    "load_policy",
]
