"""Print each direct dependency's declared floor and the version installed here.

A version above its floor means something else (a newer transitive release) now needs more:
the floor is no longer tested, and pyproject.toml should say what is.
"""

from __future__ import annotations

import tomllib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from packaging.requirements import Requirement
from packaging.version import Version

project = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml").read_text())["project"]
requirements = [Requirement(r) for r in project["dependencies"] + project["optional-dependencies"]["test"]]

for requirement in requirements:
    floors = [Version(s.version) for s in requirement.specifier if s.operator == ">="]
    floor = str(min(floors)) if floors else "-"
    try:
        installed = version(requirement.name)
    except PackageNotFoundError:
        installed = "missing"
    note = "" if installed == "missing" or not floors or Version(installed) == min(floors) else "  (above the floor)"
    print(f"{requirement.name:<20} floor {floor:<12} installed {installed}{note}")
