"""The ``policyflow`` command line: exit 0 ok, 1 when a check found problems, 2 for bad input."""

from __future__ import annotations

import typer

from models.errors import PolicyflowError
from policyflow.cli import admin, calendar, checks, lifecycle, publication
from policyflow.cli.output import err

app = typer.Typer(
    name="policyflow",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    help="政务公开 workflow: drafting → review → publish → evaluate.",
)
app.add_typer(calendar.app, name="calendar")
admin.register(app)
checks.register(app)
lifecycle.register(app)
publication.register(app)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; a PolicyflowError becomes a message on stderr and its exit code, never a traceback."""
    try:
        result = app(args=argv, prog_name="policyflow", standalone_mode=False)
    except PolicyflowError as exc:
        err.print("error:", style="bold red", end=" ")
        err.print(exc.message, markup=False)
        if exc.hint:
            err.print(exc.hint, markup=False)
        return exc.exit_code
    except typer.Abort:
        err.print("aborted")
        return 2
    except typer.Exit as exc:
        return exc.exit_code
    except typer.TyperException as exc:  # usage errors: unknown option, bad value, missing argument
        exc.show()  # type: ignore[attr-defined]  # every concrete TyperException is a ClickException
        return 2 if exc.exit_code not in (0, 1) else exc.exit_code
    return result if isinstance(result, int) else 0
