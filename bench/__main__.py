"""`make bench`: run every bench/bench_*.py in turn.

Each prints its rates beside a baseline measured in the same run, as ratios, so the
numbers compare across machines. A module is run as a script (`python bench/x.py`).
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    env = {**os.environ, "PYTHONPATH": str(HERE.parent)}
    failures = 0
    for script in sorted(HERE.glob("bench_*.py")):
        print(f"\n== {script.stem} ==", flush=True)
        failures += subprocess.call([sys.executable, str(script), *sys.argv[1:]], env=env) != 0
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
