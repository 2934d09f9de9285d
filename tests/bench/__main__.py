"""`python -m tests.bench`: run every benchmark module of this package (each one that has a
``run()``), each in its own process so that each sets up Django with its own database."""

import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path


def benchmark_modules():
    package = Path(__file__).resolve().parent
    for info in sorted(pkgutil.iter_modules([str(package)]), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        source = (package / f"{info.name}.py").read_text(encoding="utf-8")
        if "\ndef run(" in source:
            yield f"tests.bench.{info.name}"


def main():
    failed = []
    for name in benchmark_modules():
        print(f"\n=== {name} ===", flush=True)
        code = f"import {name} as m; m.run()"
        if subprocess.run([sys.executable, "-c", code], check=False).returncode:
            failed.append(name)
    if failed:
        print(f"\nBenchmarks that stopped with an error: {', '.join(failed)}")
        sys.exit(1)


if __name__ == "__main__":
    importlib.invalidate_caches()
    main()
