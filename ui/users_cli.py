"""``shopmind users``: list, add, re-issue tokens for and revoke principals.

    shopmind users list
    shopmind users add --role merchant --name "Acme Outdoor"   # prints the id and token once
    shopmind users token m1a2b3c4                               # a fresh token, printed once
    shopmind users revoke m1a2b3c4
"""

from __future__ import annotations

import time
from typing import Annotated

import typer

from shopmind.identity import PrincipalStore
from shopmind.settings import Settings
from ui.cli_errors import reports_errors

users = typer.Typer(help="Manage who may sign in: shoppers, merchants and human agents.",
                    no_args_is_help=True)


def _store() -> PrincipalStore:
    return PrincipalStore(Settings().principals_path)


@users.command("list")
@reports_errors
def list_principals(role: Annotated[str | None, typer.Option(help="only this role")] = None
                    ) -> None:
    """Every principal with its role and state (tokens are never shown again)."""
    for principal in _store().list(role):
        state = ("revoked " + time.strftime("%Y-%m-%d", time.localtime(principal.revoked))
                 if principal.revoked else "active")
        typer.echo(f"{principal.id:12} {principal.role:9} {state:18} {principal.name}")


@users.command("add")
@reports_errors
def add(role: Annotated[str, typer.Option(help="shopper, merchant or agent")],
        name: Annotated[str, typer.Option(help="the name people see")],
        principal_id: Annotated[str | None, typer.Option(
            "--id", help="a shopper's catalogue profile id (u001); random when left out")] = None
        ) -> None:
    """Add a principal; its token is printed once, here."""
    principal, token = _store().add(role, name, principal_id)
    typer.echo(f"id:    {principal.id}\ntoken: {token}")


@users.command("token")
@reports_errors
def token(principal_id: Annotated[str, typer.Argument(help="the principal's id")]) -> None:
    """Issue a fresh token (printed once); the earlier one stops working."""
    typer.echo(_store().issue_token(principal_id))


@users.command("revoke")
@reports_errors
def revoke(principal_id: Annotated[str, typer.Argument(help="the principal's id")]) -> None:
    """Revoke a principal: its token stops working at once."""
    principal = _store().revoke(principal_id)
    typer.echo(f"revoked {principal.id} ({principal.role}, {principal.name})")
