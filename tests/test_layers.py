"""The architecture holds: data flows one way, and the library never needs the CLI toolkit."""

from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT


def test_import_contracts_hold():
    # import-linter reads the contracts from pyproject.toml.
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports(no_cache=True))",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_extraction_loads_no_database_code():
    probe = (
        "import sys, claims; claims.extract_claims('Có khoảng 2.500 lính Mỹ ở Iraq.'); "
        "loaded = [m for m in sys.modules "
        "if m.startswith(('sqlalchemy', 'sqlmodel', 'claims.store', 'typer', 'tabulate'))]; "
        "print(','.join(loaded))"
    )
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
