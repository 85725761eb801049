"""`collabcheck validate`: check question banks and snapshots before they are committed.

A facilitator can point it at a whole repository: folders holding a bank.toml are checked as
banks, every other .toml file as a snapshot (or, if it has [[items]], as a bank section).
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from collabcheck.cli.exits import EXIT_INVALID, EXIT_OK, EXIT_USAGE
from collabcheck.core.bank import Bank, load_bank, load_bank_for, load_section
from collabcheck.core.errors import BankError, CollabcheckError
from collabcheck.core.files import NOT_TEXT, name_is_text, read_toml
from collabcheck.core.snapshot import check_snapshot
from collabcheck.render.safe import safe_line

_REASONS: dict[Path, str] = {}  # why a path was 'unreadable', for its one line


def _kind(path: Path) -> str:
    """'dir', 'file', 'other', 'missing', or 'unreadable' (a folder above it cannot be looked
    into), without raising: Path.is_dir and Path.exists raise on a folder the user may not
    read, and every such case must be one line, never a traceback."""
    try:
        mode = os.stat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return "missing"
    except OSError as exc:
        _REASONS[path] = (exc.strerror or type(exc).__name__).lower()
        return "unreadable"
    return "dir" if stat.S_ISDIR(mode) else "file" if stat.S_ISREG(mode) else "other"


def _walk(folder: Path, unreadable: list[tuple[Path, str]]) -> tuple[list[Path], list[Path]]:
    """Every .toml file and every bank folder under `folder`; folders that cannot be listed,
    and names that are not UTF-8 text, go into `unreadable` (path, what is wrong), so nothing
    is left out without a word."""

    def failed(exc: OSError) -> None:
        unreadable.append(
            (
                Path(exc.filename or folder),
                f"folder cannot be read ({exc.strerror or exc}), so the files in it were not checked",
            )
        )

    files: list[Path] = []
    bank_dirs: list[Path] = []
    for top, dirs, names in os.walk(folder, onerror=failed):
        for d in [d for d in dirs if not name_is_text(d)]:
            dirs.remove(d)
            unreadable.append((Path(top) / d, NOT_TEXT))
        dirs.sort()
        if os.path.basename(os.path.dirname(top)) == "apart" and "sitting.toml" in names:
            dirs.clear()  # a sitting apart's seals and reveals (collabcheck apart status reads them)
            continue
        if "bank.toml" in names:
            bank_dirs.append(Path(top))
        for n in names:
            if n.endswith(".toml"):
                if name_is_text(n):
                    files.append(Path(top) / n)
                else:
                    unreadable.append((Path(top) / n, NOT_TEXT))
    return files, bank_dirs


def _targets(paths: list[Path], unreadable: list[tuple[Path, str]] | None = None) -> list[tuple[str, Path]]:
    """Expand folders into ('bank', dir) and ('file', path) targets, in a stable order."""
    out: list[tuple[str, Path]] = []
    problems = unreadable if unreadable is not None else []
    for path in paths:
        kind = _kind(path)
        if kind == "unreadable":
            problems.append(
                (path, f"cannot be reached ({_REASONS.get(path, 'not allowed')}), so it was not checked")
            )
        elif kind == "dir":
            if _kind(path / "bank.toml") == "file":
                out.append(("bank", path))
                continue
            files, found_banks = _walk(path, problems)
            bank_dirs = set(found_banks)
            out += [("bank", d) for d in sorted(bank_dirs)]
            out += [
                ("file", f)
                for f in sorted(files)
                if not any(d == f.parent or d in f.parents for d in bank_dirs)
            ]
        elif path.name == "bank.toml":
            out.append(("bank", path.parent))
        elif not name_is_text(path.name):
            problems.append((path, NOT_TEXT))
        else:
            out.append(("file", path))
    return out


def check_file(path: Path, bank: Bank | None, warnings: list[str]) -> str:
    """Check one .toml file as a snapshot or a bank section; return what it was.

    Answers to questions the bank does not have are allowed (the bank may have changed since),
    but a facilitator checking files wants to hear about them: a mistyped id looks the same.
    """
    data = read_toml(path, CollabcheckError)
    if "items" in data and "schema" not in data:
        if "bank" in data and "bank_version" in data:  # a short form of the bank (core/forms.py)
            from collabcheck.core.forms import read_form

            if bank is None:
                raise CollabcheckError(path, "the question bank it belongs to cannot be read")
            form = read_form(path, bank)
            return f"short form '{form.id}' of the question bank, {len(form.items)} items"
        load_section(path)
        return "question file"
    snap = check_snapshot(data, path, bank, warnings)
    if bank is not None:  # the questions the partners saw (older banks ship beside the current one)
        bank = load_bank_for(snap.bank, snap.bank_version, bank)
    if bank is not None and snap.bank == bank.id:
        known = bank.items_by_id
        ids = [i for t in snap.answers.values() for i in t] + [i for t in snap.notes.values() for i in t]
        unknown = sorted({i for i in ids if i not in known})
        if unknown:
            warnings.append(
                f"{path}: warning: answers to questions not in the bank "
                f"'{bank.id}' (version {bank.version}), kept but not scored: " + ", ".join(unknown)
            )
    return "snapshot"


def validate_paths(raw_paths: list[str], questions: str | None, snapshots: Path | None = None) -> int:
    """Validate each path; exit 1 if anything is invalid, 2 if a path does not exist.

    With no paths, the question bank is checked, and the snapshot folder too when it exists.
    """
    bank_dir = Path(questions) if questions else None
    paths = [Path(p) for p in raw_paths] or [bank_dir or Path("<shipped bank>")]
    missing = [p for p in paths if raw_paths and _kind(p) == "missing"]
    for p in missing:
        sys.stderr.write(safe_line(f"{p}: no such file or folder") + "\n")
    if missing:
        return EXIT_USAGE
    bank: Bank | None = None
    try:
        bank = load_bank(bank_dir)
    except BankError:
        bank = None  # reported below if it is one of the targets; snapshots checked without it
    unreadable: list[tuple[Path, str]] = []
    targets: list[tuple[str, Path | None]]
    if raw_paths:
        targets = [*_targets(paths, unreadable)]
    else:
        targets = [("bank", bank_dir)]
        if snapshots is not None and _kind(snapshots) in ("dir", "unreadable"):
            targets += _targets([snapshots], unreadable)
        elif snapshots is not None and _kind(snapshots) != "missing":
            sys.stderr.write(
                safe_line(
                    f"{snapshots}: is a file, not a folder; the snapshot folder "
                    "(--dir or COLLABCHECK_DIR) must be a folder"
                )
                + "\n"
            )
            return EXIT_USAGE
    invalid = checked = 0
    for where, what in unreadable:
        checked += 1
        invalid += 1
        sys.stderr.write(safe_line(f"{where}: {what}") + "\n")
    for what, path in targets:
        checked += 1
        warnings: list[str] = []
        try:
            if what == "bank":
                loaded = load_bank(path)
                n = sum(len(s.items) for s in loaded.sections)
                print(safe_line(f"{path or 'shipped bank'}: ok (question bank '{loaded.id}', {n} items)"))
            else:
                assert path is not None  # only a bank target can be the shipped one
                kind = check_file(path, bank, warnings)
                print(safe_line(f"{path}: ok ({kind})"))
        except CollabcheckError as exc:
            invalid += 1
            sys.stderr.write(safe_line(str(exc)) + "\n")
        for w in warnings:
            sys.stderr.write(safe_line(w) + "\n")
    if checked == 0:
        sys.stderr.write("collabcheck: no .toml files found to check\n")
        return EXIT_USAGE
    summary = f"{checked} checked, {invalid} invalid"
    print(summary)
    return EXIT_INVALID if invalid else EXIT_OK
