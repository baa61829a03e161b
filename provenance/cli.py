"""The command-line interface: the only module that reads files, prints, or knows exit codes.

Each command parses its options, reads its inputs, makes one library call and renders the result.
Exit codes: 0 ok, 1 check failed, 2 usage or input error.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import click

from .documents import InputError, decode_bytes, make_document
from .model import Document
from .settings import DEFAULT_SETTINGS, Settings

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class InputFailure(click.ClickException):
    """An input error: one line on stderr and exit code 2."""

    exit_code = EXIT_USAGE

    def show(self, file=None):
        click.echo(f"provenance: error: {self.format_message()}", err=True)


def read_documents(paths: tuple[str, ...], settings: Settings, input_format: str = "auto") -> list[Document]:
    """Read each path (``-`` is stdin) into documents; warnings go to stderr, errors raise InputFailure."""
    docs: list[Document] = []
    seen: set[str] = set()
    for name in paths:
        data = _read_bytes(name, settings)
        try:
            loaded = _load(name, data, input_format, settings)
        except InputError as exc:
            raise InputFailure(str(exc)) from None
        for warning in loaded[1]:
            click.echo(f"provenance: warning: {warning}", err=True)
        for doc in loaded[0]:
            if doc.id in seen:
                raise InputFailure(f"{doc.id}: given twice")
            seen.add(doc.id)
            docs.append(doc)
    return docs


def _load(name: str, data: bytes, input_format: str, settings: Settings):
    try:
        from .inputs import load_document
    except ImportError:  # inputs module not built yet: plain text only
        load_document = None
    if load_document is not None:
        loaded = load_document(name, data, input_format=input_format, max_bytes=settings.max_bytes)
        return loaded.documents, loaded.warnings
    decoded = decode_bytes(data, name, settings.max_bytes)
    return [make_document(name, decoded.text)], [decoded.warning] if decoded.warning else []


def _read_bytes(name: str, settings: Settings) -> bytes:
    limit = settings.max_bytes
    if name == "-":
        data = sys.stdin.buffer.read(limit + 1 if limit else -1)
        if not data:
            raise InputFailure("-: standard input is empty")
        return data
    path = Path(name)
    if not path.exists():
        raise InputFailure(f"{name}: no such file")
    if path.is_dir():
        raise InputFailure(f"{name}: is a directory (give the article files, e.g. {name}/*.txt)")
    try:
        size = path.stat().st_size
        if limit and size > limit:
            raise InputFailure(
                f"{name}: file is {size / 2**20:.1f} MiB, over the {limit / 2**20:.0f} MiB limit (raise it with --max-size)"
            )
        return path.read_bytes()
    except OSError as exc:
        raise InputFailure(f"{name}: cannot read ({exc.strerror})") from None


def write_output(text: str, output: str | None) -> None:
    """Write to stdout, or atomically to ``output`` (a temporary file renamed into place)."""
    if not output or output == "-":
        click.echo(text, nl=not text.endswith("\n"))
        return
    target = Path(output)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def use_color(choice: str, stream=None) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    stream = stream or sys.stdout
    return hasattr(stream, "isatty") and stream.isatty()


def common_options(func):
    """Options shared by the commands that read articles and render a report."""
    func = click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto",
                        show_default=True, help="Colour the terminal output.")(func)
    func = click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
                        help="Write the report to this file (atomically) instead of stdout.")(func)
    func = click.option("--input-format", type=click.Choice(["auto", "text", "html", "jsonl"]), default="auto",
                        show_default=True, help="How to read the inputs (auto: by extension and content).")(func)
    func = click.option("--max-size", type=int, default=DEFAULT_SETTINGS.max_bytes // 2**20, show_default=True,
                        help="Largest input file accepted, in MiB (0: no limit).")(func)
    return func


def settings_from(max_size: int) -> Settings:
    from dataclasses import replace

    return replace(DEFAULT_SETTINGS, max_bytes=max_size * 2**20)


class _Cli(click.Group):
    """A group whose errors are one line on stderr with exit code 2, under CliRunner too."""

    def main(self, args=None, prog_name=None, standalone_mode=True, **extra):
        try:
            code = super().main(args=args, prog_name=prog_name or "provenance", standalone_mode=False, **extra)
        except click.exceptions.UsageError as exc:
            # one line, not click's three-line usage block: CI logs and scripts read the first line
            hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx else ""
            click.echo(f"provenance: error: {exc.format_message()}{hint}", err=True)
            sys.exit(EXIT_USAGE)
        except click.ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except (click.exceptions.Abort, KeyboardInterrupt):
            click.echo("provenance: interrupted", err=True)
            sys.exit(130)
        sys.exit(code if isinstance(code, int) else EXIT_OK)


@click.group(cls=_Cli, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="provenance")
def cli():
    """Trace syndicated news text: which articles share wire text, which one is the original, who
    copied from whom, and what each outlet changed."""


def main(argv=None):
    """Console-script entry point."""
    cli.main(args=argv, prog_name="provenance")
