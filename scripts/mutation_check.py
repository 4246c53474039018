"""Mutation testing of the core modules: which small bugs would the fast tests miss?

    python scripts/mutation_check.py                 # every mutant, one job per core
    python scripts/mutation_check.py --limit 30      # a quick, deterministic sample
    python scripts/mutation_check.py --module src/ofsted_timeline/check.py --jobs 2 --timeout 60

Each mutant is one small change to one module (a comparison or arithmetic operator swapped, an
integer nudged, a boolean flipped, ``and``/``or`` swapped, a ``not`` dropped, a returned
comparison negated, a ``raise`` turned into ``pass``). It is written into a private copy of the
repository and the test selection is run against it; a mutant the tests still pass
"survives", and names a behaviour no test pins down. The script reports and always exits 0
once it has run: whether a survivor matters is for a person to judge.

The checkout is never written: the repository is copied into a temporary directory, one copy
per job, and the tests run there with ``PYTHONPATH=<copy>/src``, so the copy's source is
imported rather than the installed package. Before any mutant it checks that this holds (each
target imports from the copy, and a deliberately broken copy of each target fails the tests).
Hypothesis runs with a fixed seed and no example database carried between mutants, so a rerun
gives the same verdicts. Lines marked ``# pragma: no mutate`` are left alone. Standard library only.
"""

from __future__ import annotations

import argparse
import ast
import importlib.util
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MODULES = (
    "src/ofsted_timeline/calendar.py",
    "src/ofsted_timeline/timeline/build.py",
    "src/ofsted_timeline/timeline/given.py",
    "src/ofsted_timeline/timeline/resolve.py",
    "src/ofsted_timeline/timeline/wording.py",
    "src/ofsted_timeline/check.py",
    "src/ofsted_timeline/rules/model.py",
    "src/ofsted_timeline/rules/parser.py",
)
DEFAULT_TESTS = (
    "tests/test_calendar.py",
    "tests/test_timeline.py",
    "tests/test_check.py",
    "tests/test_check_rules.py",
    "tests/test_trust.py",
    "tests/test_wording.py",
    "tests/test_hostile.py",
    "tests/test_rules.py",
    "tests/test_frameworks.py",
    "tests/property/test_calendar_properties.py",
)
PYTEST_ARGS = ("-x", "-q", "-p", "no:cacheprovider")
PRAGMA = b"# pragma: no mutate"
# Left out of the copies: history, environments and caches (a stale .pyc could hide a mutant).
IGNORED = shutil.ignore_patterns(
    ".git",
    ".venv",
    "venv",
    "__pycache__",
    "*.pyc",
    ".hypothesis",
    ".pytest_cache",
    ".mypy_cache",
    ".ruff_cache",
    ".tox",
    "*.egg-info",
    "build",
    "dist",
    "node_modules",
)
# Run pytest in-process after dropping setuptools' editable-install finders: they sit in
# sys.meta_path ahead of PYTHONPATH and would import the checkout instead of the copy.
BOOTSTRAP = (
    "import sys\n"
    "sys.meta_path[:] = [f for f in sys.meta_path"
    " if not str(getattr(f, '__module__', '')).startswith('__editable__')]\n"
    "import pytest\n"
    "raise SystemExit(pytest.main(sys.argv[1:]))\n"
)
WHERE = (
    "import sys, importlib\n"
    "sys.meta_path[:] = [f for f in sys.meta_path"
    " if not str(getattr(f, '__module__', '')).startswith('__editable__')]\n"
    "for name in sys.argv[1:]:\n"
    "    print(importlib.import_module(name).__file__)\n"
)

COMPARE_SWAPS: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}
COMPARE_TEXT: dict[type[ast.cmpop], str] = {
    ast.Lt: "<",
    ast.LtE: "<=",
    ast.Gt: ">",
    ast.GtE: ">=",
    ast.Eq: "==",
    ast.NotEq: "!=",
    ast.In: "in",
    ast.NotIn: "not in",
    ast.Is: "is",
    ast.IsNot: "is not",
}
COMPARE_TOKEN = re.compile(rb"not\s+in\b|is\s+not\b|<=|>=|==|!=|<|>|\bin\b|\bis\b")
ARITHMETIC_SWAPS: dict[type[ast.operator], type[ast.operator]] = {
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.Div,
    ast.Div: ast.Mult,
    ast.FloorDiv: ast.Div,
}
ARITHMETIC_TEXT: dict[type[ast.operator], str] = {
    ast.Add: "+",
    ast.Sub: "-",
    ast.Mult: "*",
    ast.Div: "/",
    ast.FloorDiv: "//",
}
ARITHMETIC_TOKEN = re.compile(rb"//|\*\*|[-+*/%@]")
AUGMENTED_TOKEN = re.compile(rb"//=|[-+*/]=")
BOOL_TOKEN = re.compile(rb"\b(?:and|or)\b")


class Mutant(NamedTuple):
    """One change to one module: bytes ``start:end`` of the file replaced by ``new``."""

    module: str  # path relative to the repository root
    line: int
    col: int
    start: int
    end: int
    new: bytes
    original: str  # what the report shows: "<" -> "<="
    replacement: str


class Outcome(NamedTuple):
    mutant: Mutant
    status: str  # killed, survived or timeout
    seconds: float


class _Site(NamedTuple):
    """A mutation before it is checked: the splice, and the same change made to the tree."""

    start: int
    end: int
    new: bytes
    original: str
    replacement: str
    node_index: int
    change: Callable[[ast.AST, ast.AST], ast.AST]  # (tree, node) -> mutated tree


def _replace_node(tree: ast.AST, target: ast.AST, new: ast.AST) -> ast.AST:
    """``tree`` with ``target`` (found by identity) replaced by ``new``."""

    class Replace(ast.NodeTransformer):
        def visit(self, node: ast.AST) -> ast.AST:
            return new if node is target else self.generic_visit(node)

    return Replace().visit(tree)


def _set(attribute: str, value: object, index: int | None = None) -> Callable[[ast.AST, ast.AST], ast.AST]:
    """A tree change that sets ``node.attribute`` (or its ``index``-th item) to ``value``."""

    def change(tree: ast.AST, node: ast.AST) -> ast.AST:
        if index is None:
            setattr(node, attribute, value)
        else:
            getattr(node, attribute)[index] = value
        return tree

    return change


def _drop_not(tree: ast.AST, node: ast.AST) -> ast.AST:
    assert isinstance(node, ast.UnaryOp)
    return _replace_node(tree, node, node.operand)


def _negate_return(tree: ast.AST, node: ast.AST) -> ast.AST:
    assert isinstance(node, ast.Return) and node.value is not None
    node.value = ast.UnaryOp(ast.Not(), node.value)
    return tree


def _to_pass(tree: ast.AST, node: ast.AST) -> ast.AST:
    return _replace_node(tree, node, ast.Pass())


def _is_text(node: ast.AST) -> bool:
    """A string literal or f-string: ``+`` on it is concatenation, which any test kills at once."""
    return isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str))


def _short(text: bytes) -> str:
    one_line = " ".join(text.decode("utf-8", "replace").split())
    return one_line if len(one_line) <= 60 else one_line[:57] + "..."


class _Source:
    """A module's bytes with (line, UTF-8 column) to offset conversion, as ``ast`` positions count."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.line_starts = [0]
        for line in data.splitlines(keepends=True):
            self.line_starts.append(self.line_starts[-1] + len(line))

    def offset(self, line: int, col: int) -> int:
        return self.line_starts[line - 1] + col

    def start(self, node: ast.AST) -> int:
        return self.offset(node.lineno, node.col_offset)  # type: ignore[attr-defined]

    def end(self, node: ast.AST) -> int:
        return self.offset(node.end_lineno, node.end_col_offset)  # type: ignore[attr-defined]

    def between(self, left: ast.AST, right: ast.AST, token: re.Pattern[bytes]) -> tuple[int, int] | None:
        """Where the operator between two operands is, ignoring parentheses and comments."""
        lo, hi = self.end(left), self.start(right)
        gap = re.sub(rb"#[^\n]*", lambda m: b" " * len(m.group()), self.data[lo:hi])
        found = [m for m in token.finditer(gap)]
        return (lo + found[0].start(), lo + found[0].end()) if len(found) == 1 else None

    def line_of(self, offset: int) -> int:
        low, high = 0, len(self.line_starts) - 1
        while low < high - 1:
            middle = (low + high) // 2
            if self.line_starts[middle] <= offset:
                low = middle
            else:
                high = middle
        return low + 1


def _annotation_nodes(tree: ast.AST) -> set[int]:
    """ids of every node inside a type annotation: mutating those changes nothing that runs."""
    roots: list[ast.AST] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.arg) and node.annotation:
            roots.append(node.annotation)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.returns:
            roots.append(node.returns)
        elif isinstance(node, ast.AnnAssign):
            roots.append(node.annotation)
    return {id(inner) for root in roots for inner in ast.walk(root)}


def _sites(source: _Source, tree: ast.AST) -> Iterator[_Site]:
    """Every candidate mutation of the module, before the checks."""
    skip = _annotation_nodes(tree)
    for index, node in enumerate(ast.walk(tree)):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            for i, op in enumerate(node.ops):
                span = source.between(operands[i], operands[i + 1], COMPARE_TOKEN)
                new_op = COMPARE_SWAPS[type(op)]
                if span:
                    text = COMPARE_TEXT[new_op]
                    yield _Site(*span, text.encode(), COMPARE_TEXT[type(op)], text, index, _set("ops", new_op(), i))
        elif isinstance(node, ast.BinOp) and type(node.op) in ARITHMETIC_SWAPS:
            if _is_text(node.left) or _is_text(node.right):
                continue
            span = source.between(node.left, node.right, ARITHMETIC_TOKEN)
            new_bin = ARITHMETIC_SWAPS[type(node.op)]
            if span:
                text = ARITHMETIC_TEXT[new_bin]
                yield _Site(*span, text.encode(), ARITHMETIC_TEXT[type(node.op)], text, index, _set("op", new_bin()))
        elif isinstance(node, ast.AugAssign) and isinstance(node.op, ast.Add | ast.Sub):
            if _is_text(node.value):
                continue
            span = source.between(node.target, node.value, AUGMENTED_TOKEN)
            new_aug = ast.Sub if isinstance(node.op, ast.Add) else ast.Add
            if span:
                old, text = ARITHMETIC_TEXT[type(node.op)] + "=", ARITHMETIC_TEXT[new_aug] + "="
                yield _Site(*span, text.encode(), old, text, index, _set("op", new_aug()))
        elif isinstance(node, ast.BoolOp):
            # All the operators of one chain swap together: swapping one would regroup the rest.
            spans = [source.between(a, b, BOOL_TOKEN) for a, b in zip(node.values, node.values[1:], strict=False)]
            if all(spans):
                old, text = ("and", "or") if isinstance(node.op, ast.And) else ("or", "and")
                new_bool = ast.Or() if isinstance(node.op, ast.And) else ast.And()
                first, last = spans[0], spans[-1]
                assert first and last
                start, end = first[0], last[1]
                chain = source.data[start:end].replace(old.encode(), text.encode())
                yield _Site(start, end, chain, old, text, index, _set("op", new_bool))
        elif isinstance(node, ast.Constant) and isinstance(node.value, bool):
            text = str(not node.value)
            yield _Site(
                source.start(node),
                source.end(node),
                text.encode(),
                str(node.value),
                text,
                index,
                _set("value", not node.value),
            )
        elif isinstance(node, ast.Constant) and isinstance(node.value, int):
            value = 0 if node.value == 1 else node.value + 1
            yield _Site(
                source.start(node),
                source.end(node),
                str(value).encode(),
                source.data[source.start(node) : source.end(node)].decode(),
                str(value),
                index,
                _set("value", value),
            )
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            operand = source.data[source.start(node.operand) : source.end(node.operand)]
            yield _Site(
                source.start(node),
                source.end(node),
                b"(" + operand + b")",
                _short(source.data[source.start(node) : source.end(node)]),
                _short(operand),
                index,
                _drop_not,
            )
        elif isinstance(node, ast.Return) and isinstance(node.value, ast.Compare | ast.BoolOp):
            result = source.data[source.start(node.value) : source.end(node.value)]
            yield _Site(
                source.start(node.value),
                source.end(node.value),
                b"not (" + result + b")",
                "return " + _short(result),
                "return not (...)",
                index,
                _negate_return,
            )
        elif isinstance(node, ast.Raise):
            yield _Site(
                source.start(node),
                source.end(node),
                b"pass",
                _short(source.data[source.start(node) : source.end(node)]),
                "pass",
                index,
                _to_pass,
            )


def generate(root: Path, module: str) -> tuple[list[Mutant], int]:
    """The module's mutants in source order, and how many candidates failed the splice check.

    Each splice is checked against the same change made to the syntax tree, so a mutant is
    exactly the change it claims to be (positions inside f-strings can be off on 3.11).
    """
    data = (root / module).read_bytes()
    source = _Source(data)
    tree = ast.parse(data)
    mutants: list[Mutant] = []
    unchecked = 0
    for site in _sites(source, tree):
        lines = range(source.line_of(site.start), source.line_of(max(site.start, site.end - 1)) + 1)
        if any(PRAGMA in data[source.line_starts[n - 1] : source.line_starts[n]] for n in lines):
            continue
        mutated = data[: site.start] + site.new + data[site.end :]
        fresh = ast.parse(data)
        expected = site.change(fresh, list(ast.walk(fresh))[site.node_index])
        try:
            matches = ast.dump(ast.parse(mutated)) == ast.dump(expected)
        except SyntaxError:
            matches = False
        if not matches:
            unchecked += 1
            continue
        line = source.line_of(site.start)
        col = site.start - source.line_starts[line - 1]
        mutants.append(Mutant(module, line, col, site.start, site.end, site.new, site.original, site.replacement))
    mutants.sort(key=lambda m: (m.start, m.end, m.new))
    return mutants, unchecked


def _environment(copy: Path) -> dict[str, str]:
    """The copy's ``src`` first on the path, and no bytecode: a .pyc keyed on mtime could go stale."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, (str(copy / "src"), env.get("PYTHONPATH"))))
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def run_tests(copy: Path, tests: Sequence[str], timeout: float) -> tuple[str, float, str]:
    """``(status, seconds, output)`` of the selection in ``copy``; a run past ``timeout`` is killed."""
    shutil.rmtree(copy / ".hypothesis", ignore_errors=True)  # no examples carried over from other mutants
    extra = ["--hypothesis-seed=0"] if importlib.util.find_spec("hypothesis") else []
    command = [sys.executable, "-P", "-c", BOOTSTRAP, *PYTEST_ARGS, *extra, *tests]
    began = time.monotonic()
    with subprocess.Popen(
        command,
        cwd=copy,
        env=_environment(copy),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    ) as process:
        try:
            output, _ = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)  # the whole group this run started, nothing else
            output, _ = process.communicate()
            return "timeout", time.monotonic() - began, output.decode("utf-8", "replace")
    status = "survived" if process.returncode == 0 else "killed"
    return status, time.monotonic() - began, output.decode("utf-8", "replace")


def _fail(message: str, output: str = "") -> None:
    tail = "\n".join(output.rstrip().splitlines()[-30:])
    print(
        f"mutation_check: {message}" + (f"\n--- last lines of the test output ---\n{tail}" if tail else ""),
        file=sys.stderr,
    )
    raise SystemExit(2)


def _module_name(module: str) -> str:
    """``src/pkg/rules/__init__.py`` -> ``pkg.rules``: what the import check imports."""
    parts = list(Path(module).with_suffix("").parts)
    if parts and parts[0] == "src":
        parts = parts[1:]
    if parts and parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def check_setup(copy: Path, modules: Sequence[str], tests: Sequence[str], timeout: float) -> float:
    """Prove the copy is what the tests import, and that they pass unmutated; returns their seconds."""
    where = subprocess.run(
        [sys.executable, "-P", "-c", WHERE, *map(_module_name, modules)],
        cwd=copy,
        env=_environment(copy),
        capture_output=True,
        text=True,
        check=False,
    )
    if where.returncode != 0:
        _fail("could not import the target modules from the copy", where.stdout + where.stderr)
    for module, found in zip(modules, where.stdout.split(), strict=True):
        if Path(found).resolve() != (copy / module).resolve():
            _fail(f"{module} imports from {found}, not from the copy: mutants would not take effect")
    status, seconds, output = run_tests(copy, tests, timeout)
    if status != "survived":
        _fail(f"the unmutated test selection does not pass ({status}): fix it before mutation testing", output)
    for module in modules:
        path = copy / module
        original = path.read_bytes()
        path.write_bytes(original + b'\nraise RuntimeError("mutation_check: deliberately broken")\n')
        try:
            status, _, output = run_tests(copy, tests, timeout)
        finally:
            path.write_bytes(original)
        if status != "killed":
            _fail(
                f"a deliberately broken {module} was not caught ({status}): the tests do not import the copy, "
                "or do not import this module",
                output,
            )
    return seconds


def sample(mutants: list[Mutant], limit: int | None) -> list[Mutant]:
    """``limit`` mutants spread evenly over the list: the same code gives the same sample."""
    if limit is None or limit >= len(mutants):
        return mutants
    return [mutants[i * len(mutants) // limit] for i in range(limit)]


def report(
    outcomes: list[Outcome],
    modules: Sequence[str],
    unchecked: dict[str, int],
    root: Path,
    timeout: float,
    seconds: float,
) -> None:
    """Totals per module, then each survivor with its source line."""
    print(f"\n{'module':<42} {'mutants':>8} {'killed':>7} {'survived':>9} {'timed out':>10} {'score':>6}")
    rows = [(module, [o for o in outcomes if o.mutant.module == module]) for module in modules]
    rows.append(("total", outcomes))
    for name, mine in rows:
        counts = {status: sum(o.status == status for o in mine) for status in ("killed", "survived", "timeout")}
        score = f"{100 * (len(mine) - counts['survived']) / len(mine):.0f}%" if mine else "-"
        print(
            f"{name:<42} {len(mine):>8} {counts['killed']:>7} {counts['survived']:>9} {counts['timeout']:>10} "
            f"{score:>6}"
        )
    print(f"\nA timed-out mutant (past {timeout:.0f} s) counts as killed in the score. Wall time {seconds:.0f} s.")
    if any(unchecked.values()):
        left = ", ".join(f"{module}: {n}" for module, n in unchecked.items() if n)
        print(f"Left out because the splice did not match the intended change: {left}.")
    survivors = [o.mutant for o in outcomes if o.status == "survived"]
    print(f"\nSurvivors ({len(survivors)}):")
    lines = {module: (root / module).read_text(encoding="utf-8").splitlines() for module in modules}
    for m in survivors:
        print(f"{m.module}:{m.line}:{m.col + 1}: {m.original} -> {m.replacement}")
        print(f"    {lines[m.module][m.line - 1].strip()}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument(
        "--module",
        action="append",
        metavar="PATH",
        help="module to mutate, relative to the repository (repeatable; default: the core modules)",
    )
    parser.add_argument(
        "--tests",
        nargs="+",
        default=list(DEFAULT_TESTS),
        metavar="PATH",
        help="test files or node ids to run against each mutant",
    )
    parser.add_argument("--limit", type=int, metavar="N", help="run only N mutants, spread evenly (quick check)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="parallel runs (default: cores)")
    parser.add_argument(
        "--timeout",
        type=float,
        help="seconds before a mutant's run counts as a hang (default: 5x the unmutated run, >= 30)",
    )
    args = parser.parse_args(argv)
    modules: list[str] = args.module or list(DEFAULT_MODULES)
    for module in modules:
        if not (ROOT / module).is_file():
            parser.error(f"no such module: {module}")
    if args.jobs < 1 or (args.limit is not None and args.limit < 1):
        parser.error("--jobs and --limit must be at least 1")

    began = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="mutation-check-") as scratch:
        # One snapshot of the checkout: mutants, restores and the report all come from it, so
        # edits made to the checkout during a run change nothing here.
        first = Path(shutil.copytree(ROOT, Path(scratch) / "job0", ignore=IGNORED, symlinks=True))
        mutants: list[Mutant] = []
        unchecked: dict[str, int] = {}
        for module in modules:
            found, unchecked[module] = generate(first, module)
            mutants.extend(found)
        chosen = sample(mutants, args.limit)
        print(
            f"{len(mutants)} mutants in {len(modules)} modules; running {len(chosen)} with {args.jobs} jobs",
            file=sys.stderr,
            flush=True,
        )
        baseline = check_setup(first, modules, args.tests, args.timeout or 600)
        timeout: float = args.timeout or max(30.0, 5 * baseline)
        print(
            f"unmutated run passes in {baseline:.1f} s; timeout {timeout:.0f} s; the copy's source is "
            "imported and a broken copy of each module fails the tests",
            file=sys.stderr,
            flush=True,
        )
        copies: queue.Queue[Path] = queue.Queue()
        copies.put(first)
        for job in range(1, min(args.jobs, len(chosen))):
            copies.put(Path(shutil.copytree(first, Path(scratch) / f"job{job}", ignore=IGNORED, symlinks=True)))
        originals = {module: (first / module).read_bytes() for module in modules}
        done: list[Outcome] = []

        def attempt(mutant: Mutant) -> Outcome:
            copy = copies.get()
            path = copy / mutant.module
            try:
                source = originals[mutant.module]
                path.write_bytes(source[: mutant.start] + mutant.new + source[mutant.end :])
                status, seconds, _ = run_tests(copy, args.tests, timeout)
            finally:
                path.write_bytes(originals[mutant.module])
                copies.put(copy)
            outcome = Outcome(mutant, status, seconds)
            done.append(outcome)
            print(
                f"[{len(done)}/{len(chosen)}] {status:<8} {mutant.module}:{mutant.line}: "
                f"{mutant.original} -> {mutant.replacement} ({seconds:.1f} s)",
                file=sys.stderr,
                flush=True,
            )
            return outcome

        with ThreadPoolExecutor(max_workers=args.jobs) as pool:
            outcomes = list(pool.map(attempt, chosen))
        report(outcomes, modules, unchecked, first, timeout, time.monotonic() - began)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
