"""Operator commands: `python -m membership.cli create-admin --username NAME`.

Passwords come from the environment or a prompt, never from the command line, where other
users of the machine could read them.
"""

import argparse
import asyncio
import getpass
import os
import sys
from collections.abc import Awaitable, Callable

from membership import models as _models  # noqa: F401  (every table, for foreign keys)
from membership.identity.service import AccountService
from membership.settings import MembershipSettings
from servicekit.db import create_engine, create_sessionmaker


async def _with_accounts(work: Callable[[AccountService], Awaitable[bool]]) -> bool:
    engine = create_engine(MembershipSettings())
    try:
        async with create_sessionmaker(engine)() as session, session.begin():
            return await work(AccountService(session))
    finally:
        await engine.dispose()


def _password(env_var: str) -> str:
    password = os.environ.get(env_var)
    if password:
        return password
    if not sys.stdin.isatty():
        sys.exit(f"set {env_var} or run interactively to be asked for the password")
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Repeat: "):
        sys.exit("the passwords differ")
    return first


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="membership-admin", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (
        ("create-admin", "create an admin account; fails if the name is taken"),
        ("ensure-admin", "create the admin unless the name exists (used by make run)"),
    ):
        command = commands.add_parser(name, help=help_text)
        command.add_argument("--username", required=True)
    client = commands.add_parser(
        "ensure-service-client",
        help="register a machine client (secret from SERVICE_CLIENT_SECRET), or update it",
    )
    client.add_argument("--client-id", required=True)
    client.add_argument("--name", required=True)
    client.add_argument("--role", action="append", choices=["service", "partner"], default=[])
    client.add_argument("--permission", action="append", choices=["grant_honours"], default=[])
    args = parser.parse_args(argv)

    if args.command == "ensure-service-client":
        secret = _password("SERVICE_CLIENT_SECRET")
        roles = args.role or ["service"]
        changed = asyncio.run(
            _with_accounts(
                lambda accounts: accounts.ensure_service_client(
                    args.client_id, args.name, secret, roles, args.permission
                )
            )
        )
        print(f"service client {args.client_id!r} {'registered' if changed else 'up to date'}")
        return

    env_var = "BOOTSTRAP_ADMIN_PASSWORD" if args.command == "ensure-admin" else "ADMIN_PASSWORD"
    password = _password(env_var)
    created = asyncio.run(
        _with_accounts(lambda accounts: accounts.ensure_admin(args.username, password))
    )
    if created:
        print(f"admin account {args.username!r} created")
    elif args.command == "create-admin":
        sys.exit(f"an account named {args.username!r} exists already")
    else:
        print(f"admin account {args.username!r} exists")


if __name__ == "__main__":
    main()
