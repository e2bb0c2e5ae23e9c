"""The package map of docs/architecture.md holds: import-linter checks the contracts of pyproject.toml."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_import_contracts_of_the_package_map_are_kept():
    result = subprocess.run([str(Path(sys.executable).with_name("lint-imports")), "--no-cache"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "broken" not in result.stdout.split("Contracts:")[-1].replace("0 broken", "")


def test_the_workflows_contract_would_catch_a_feature_import(tmp_path):
    """The forbidden contract is real: a workflow module importing a feature package breaks it."""
    probe = ROOT / "vae/workflows/_probe_for_contract_test.py"
    probe.write_text("from vae.jury import operations  # noqa: F401\n")
    try:
        result = subprocess.run([str(Path(sys.executable).with_name("lint-imports")), "--no-cache"], cwd=ROOT,
                                capture_output=True, text=True)
    finally:
        probe.unlink()
    assert result.returncode != 0
    assert "vae.workflows._probe_for_contract_test -> vae.jury.operations" in result.stdout
