"""The layout shows the pipeline: stages as subpackages, no import cycle, a light
command line, and a wheel that carries every data file."""
import ast
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("ingest", "index", "search")
HEAVY = ("numpy", "lxml", "whoosh", "warcio", "underthesea")


def _modules():
    """{dotted module name: path} for every module of the project."""
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


def _imports(path, modules):
    """The project modules a file imports, anywhere in it (late imports count too)."""
    targets = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        targets.update(name for name in names if name in modules)
    return targets


def test_no_import_cycle():
    modules = _modules()
    graph = {name: _imports(path, modules) - {name} for name, path in modules.items()}
    state = {}

    def visit(name, trail):
        state[name] = "open"
        for target in sorted(graph[name]):
            if state.get(target) == "open":
                cycle = trail[trail.index(target):] + [target] if target in trail else [name, target]
                pytest.fail("import cycle: " + " → ".join(cycle))
            if target not in state:
                visit(target, trail + [target])
        state[name] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])


def test_ingest_top_level_is_small_and_every_package_says_what_it_does():
    top = [p for p in (ROOT / "ingest").glob("*.py")]
    assert len(top) <= 8, sorted(p.name for p in top)
    for package in PACKAGES:
        for init in (ROOT / package).rglob("__init__.py"):
            doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
            assert doc and len(doc) > 80, f"{init.relative_to(ROOT)} needs a docstring saying what goes in and out"


def test_help_imports_nothing_heavy():
    """`thidua --help` and every `thidua COMMAND --help` load none of the heavy packages."""
    script = f"""
import sys
from search.cli.main import cli
for args in [["--help"]] + [[name, "--help"] for name in cli.commands]:
    try:
        cli.main(args, prog_name="thidua", standalone_mode=False)
    except SystemExit:
        pass
print("LOADED", sorted({{m.split(".")[0] for m in sys.modules}} & set({HEAVY!r})))
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    assert out.strip().splitlines()[-1] == "LOADED []", out[-500:]


def test_wheel_holds_every_data_file_and_builds_without_warnings(tmp_path):
    source = tmp_path / "src"
    for name in PACKAGES:
        shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("setup.cfg", "pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, source / name)
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-v",
                            "-w", str(tmp_path / "dist"), str(source)], capture_output=True, text=True)
    assert build.returncode == 0, build.stdout[-2000:] + build.stderr[-2000:]
    assert "absent from the packages configuration" not in build.stdout + build.stderr
    wheel, = (tmp_path / "dist").glob("thidua-*.whl")
    inside = set(zipfile.ZipFile(wheel).namelist())
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                assert path.relative_to(ROOT).as_posix() in inside, f"{path.relative_to(ROOT)} is not in the wheel"


def test_the_index_loads_whoosh_without_urllib_and_urllib_still_works_after(tmp_path):
    """index keeps urllib.request (and http.client, email) out of a one-shot search; a
    later import of urllib.request gets the real module, and Whoosh's urlretrieve still
    reaches it."""
    script = """
import sys
import index, whoosh.compat
print("EARLY", "urllib.request" in sys.modules, "http.client" in sys.modules)
import urllib.request
copy, _ = whoosh.compat.urlretrieve("file://" + sys.argv[1])
print("REAL", hasattr(urllib.request, "urlopen"), open(copy).read())
"""
    source = tmp_path / "page.txt"
    source.write_text("fetched")
    out = subprocess.run([sys.executable, "-c", script, str(source)], capture_output=True, text=True, cwd=ROOT,
                         check=True).stdout
    assert out.split() == ["EARLY", "False", "False", "REAL", "True", "fetched"], out
