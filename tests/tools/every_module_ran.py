"""After `make test-fast`: fail unless code in every module of src/wnyblog ran.

Reads coverage.py's combined data (.coverage) and prints each module whose
share of executed lines is 0%, with the fix.
"""

import sys
from pathlib import Path

import coverage

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "wnyblog"


def main() -> int:
    data = coverage.Coverage()
    data.load()
    measured = data.get_data()
    ran = {Path(f).resolve(): measured.lines(f) or [] for f in measured.measured_files()}
    idle = [
        path.relative_to(PACKAGE.parent).as_posix()
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.stat().st_size and not ran.get(path.resolve())
    ]
    for name in idle:
        print(f"{name}: no line ran in `make test-fast` — mark fewer of its tests slow")
    print(f"{len(list(PACKAGE.rglob('*.py'))) - len(idle)} modules ran, {len(idle)} did not")
    return 1 if idle else 0


if __name__ == "__main__":
    sys.exit(main())
