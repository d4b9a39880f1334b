"""`make sdk` and `make sdk-check`: the clients integrators use, generated from the OpenAPI
documents the gateway's portal serves (each service's `create_app(...).openapi()` with
`servers: [{"url": "/<service>"}]`), built in-process without a database or a running stack.

    sdk/openapi/<service>.json          the documents themselves
    sdk/python/<service>/               gonghui-<service>-client (openapi-python-client)
    sdk/typescript/src/generated/*.ts   types for openapi-fetch (openapi-typescript)

Everything listed above is output: `make sdk` replaces it, `make sdk-check` regenerates it
into a temporary directory and fails on any difference, so CI catches a stale SDK. The
generators are pinned (uv.lock, sdk/typescript/package-lock.json), so output is byte-for-byte
the same on every run.
"""

import argparse
import copy
import filecmp
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any

from fastapi import FastAPI

SDK = Path(__file__).resolve().parent
TYPESCRIPT = SDK / "typescript"
SERVICES = ("membership", "rebate", "competition")
# Generated trees, relative to sdk/; everything else in sdk/ is written by hand.
OUTPUTS = ("openapi", *(f"python/{s}" for s in SERVICES), "typescript/src/generated")
IGNORED = {"__pycache__", ".ruff_cache", ".mypy_cache", ".pytest_cache", "node_modules"}
# openapi-python-client drops whatever it cannot parse and carries on; a dropped model or
# operation is a broken client. Bodies it cannot type (a QR code's PNG) are only skipped.
DROPPED = ("Unable to parse", "Unable to process", "Could not find reference")
# Nothing connects while an app is built; main() drops the services' settings from the
# environment, and .env is not read, so the documents do not depend on where they are made.
NO_DATABASE = "postgresql+asyncpg://nobody@127.0.0.1:9/none"


class GenerationError(Exception):
    pass


def _apps() -> dict[str, Callable[[], FastAPI]]:
    from competition.main import create_app as competition_app
    from competition.settings import CompetitionSettings
    from membership.main import create_app as membership_app
    from membership.settings import MembershipSettings
    from rebate.main import create_app as rebate_app
    from rebate.settings import RebateSettings

    common: dict[str, Any] = {
        "database_url": NO_DATABASE,
        "environment": "test",
        "_env_file": None,
    }
    return {
        "membership": lambda: membership_app(MembershipSettings(**common)),
        "rebate": lambda: rebate_app(RebateSettings(**common)),
        "competition": lambda: competition_app(CompetitionSettings(**common)),
    }


def documents() -> dict[str, dict[str, Any]]:
    from gateway.docs import through_gateway

    return {name: through_gateway(app().openapi(), name) for name, app in _apps().items()}


def python_document(document: dict[str, Any]) -> dict[str, Any]:
    """openapi-python-client names a model by its title, and FastAPI gives a model that
    validates and serialises differently two components (`Rubric-Input`, `Rubric-Output`)
    with one title; the component's own name keeps both classes."""
    document = copy.deepcopy(document)
    for name, schema in document.get("components", {}).get("schemas", {}).items():
        if "-" in name and schema.get("title") != name:
            schema["title"] = name.replace("-", "")
    # An optional body typed `X | null` becomes a function that sends its UNSET default
    # (and fails to encode it) when called without one; typed `X` it is left out instead.
    for path_item in document.get("paths", {}).values():
        for operation in path_item.values():
            body = operation.get("requestBody", {}) if isinstance(operation, dict) else {}
            for media in body.get("content", {}).values() if not body.get("required") else ():
                variants = media.get("schema", {}).get("anyOf", [])
                if len(variants) == 2 and {"type": "null"} in variants:
                    [media["schema"]] = [v for v in variants if v != {"type": "null"}]
    return document


def run(argv: list[str], cwd: Path) -> str:
    # Only the pinned generators, by their paths in the environment and node_modules.
    done = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, check=False)  # noqa: S603
    output = done.stdout + done.stderr
    if done.returncode != 0:
        raise GenerationError(f"{' '.join(argv[:3])} failed:\n{output}")
    return output


def python_client(service: str, document: Path, out: Path, work: Path) -> None:
    bin_dir = Path(sys.executable).parent
    config = work / f"{service}-config.json"
    config.write_text(
        json.dumps(
            {
                "project_name_override": f"gonghui-{service}-client",
                "package_name_override": f"gonghui_{service}_client",
                "post_hooks": [
                    f"{bin_dir / 'ruff'} check --fix-only --quiet .",
                    f"{bin_dir / 'ruff'} format --quiet .",
                ],
            }
        )
    )
    argv = [str(bin_dir / "openapi-python-client"), "generate", "--path", str(document)]
    argv += ["--config", str(config), "--meta", "uv", "--output-path", str(out), "--overwrite"]
    output = run(argv, work)
    dropped = [line for line in output.splitlines() if line.startswith(DROPPED)]
    if dropped:
        raise GenerationError(f"the {service} client would lack parts:\n{output}")


def npm_ci() -> None:
    """`npm ci` when node_modules is missing or was installed from another lock file."""
    lock = hashlib.sha256((TYPESCRIPT / "package-lock.json").read_bytes()).hexdigest()
    stamp = TYPESCRIPT / "node_modules" / ".gonghui-lock-sha256"
    if stamp.exists() and stamp.read_text() == lock:
        return
    run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], TYPESCRIPT)
    stamp.write_text(lock)


def typescript_types(document: Path, out: Path) -> None:
    tool = TYPESCRIPT / "node_modules" / ".bin" / "openapi-typescript"
    run([str(tool), str(document), "--output", str(out)], TYPESCRIPT)


def generate(out: Path) -> None:
    npm_ci()
    (out / "openapi").mkdir(parents=True)
    (out / "python").mkdir()
    (out / "typescript" / "src" / "generated").mkdir(parents=True)
    work = out / ".work"
    work.mkdir()
    jobs: list[Callable[[], None]] = []
    for service, document in documents().items():
        published = out / "openapi" / f"{service}.json"
        published.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        for_python = work / f"{service}.json"
        for_python.write_text(json.dumps(python_document(document), ensure_ascii=False))
        ts_out = out / "typescript" / "src" / "generated" / f"{service}.ts"
        py_out = out / "python" / service
        jobs.append(partial(python_client, service, for_python, py_out, work))
        jobs.append(partial(typescript_types, published, ts_out))
    with ThreadPoolExecutor(max_workers=3) as pool:
        for job in [pool.submit(job) for job in jobs]:
            job.result()
    shutil.rmtree(work)


def files(root: Path) -> set[Path]:
    found = set()
    for path in root.rglob("*"):
        relative = path.relative_to(root)
        if path.is_file() and not IGNORED & set(relative.parts):
            found.add(relative)
    return found


def differences(fresh: Path) -> list[str]:
    stale = []
    for output in OUTPUTS:
        new, old = fresh / output, SDK / output
        new_files, old_files = files(new), files(old) if old.exists() else set()
        stale += [f"missing: sdk/{output}/{f}" for f in sorted(new_files - old_files)]
        stale += [f"not generated: sdk/{output}/{f}" for f in sorted(old_files - new_files)]
        stale += [
            f"differs: sdk/{output}/{f}"
            for f in sorted(new_files & old_files)
            if not filecmp.cmp(new / f, old / f, shallow=False)
        ]
    return stale


def typecheck() -> None:
    """The hand-written fetch clients in sdk/typescript/src/index.ts against the new types."""
    run([str(TYPESCRIPT / "node_modules" / ".bin" / "tsc"), "--noEmit"], TYPESCRIPT)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="fail if sdk/ is stale")
    args = parser.parse_args()
    for name in list(os.environ):
        if name.startswith(tuple(f"{s.upper()}_" for s in SERVICES)):
            del os.environ[name]
    try:
        with tempfile.TemporaryDirectory(prefix="gonghui-sdk-") as temporary:
            fresh = Path(temporary) / "sdk"
            generate(fresh)
            if args.check:
                stale = differences(fresh)
                if stale:
                    print("sdk/ is stale; run `make sdk` and commit:", *stale, sep="\n  ")
                    return 1
            else:
                for output in OUTPUTS:
                    shutil.rmtree(SDK / output, ignore_errors=True)
                    shutil.copytree(
                        fresh / output, SDK / output, ignore=shutil.ignore_patterns(*IGNORED)
                    )
        typecheck()
    except GenerationError as exc:
        print(exc, file=sys.stderr)
        return 1
    print("sdk/ is up to date" if args.check else "sdk/ generated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
