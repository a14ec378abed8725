"""`talenthub serve`: the catalogue in use as a read-only local web site (the app: `web/app`)."""

from __future__ import annotations

from typing import Annotated

import typer

from talenthub_cli.cli.commands import session_of

LOOPBACK = "127.0.0.1"


def serve(
    ctx: typer.Context,
    host: Annotated[
        str,
        typer.Option(
            "--host",
            metavar="ADDRESS",
            help="Listen on this address. Another than 127.0.0.1 (0.0.0.0: every one) makes "
            "the catalogue readable by anyone who can reach this machine.",
        ),
    ] = LOOPBACK,
    port: Annotated[
        int,
        typer.Option(
            "--port",
            "-p",
            metavar="PORT",
            help="Listen on this port (0 to 65535); 0 picks a free one.",
        ),
    ] = 8000,
) -> None:
    """Show the catalogue in use as a read-only web site, on this machine.

    Search (as `search` reads a query), filters and pages, a page for each material, contact,
    organisation and event, and each page's JSON at the same address with .json. Changes to
    the catalogue show on the next page. Only this machine can connect unless --host says
    otherwise. Ctrl-C stops it. Before it answers, it ranks the words that most materials
    hold: once for each version of a large catalogue (seconds), kept in its index.

    Examples:

      talenthub serve

      talenthub serve --port 8080

      talenthub --catalogue my-project.toml serve
    """
    import socket

    from talenthub_cli.core.errors import UsageError

    try:
        import uvicorn

        from talenthub_cli.web.app import create_app, is_loopback
    except ImportError as missing:
        raise UsageError(
            f"serve needs the web extra ({missing.name} is not installed): "
            "pip install '.[web]' in talenthub's source folder, or 'talenthub[web]'"
        ) from None
    if not 0 <= port <= 65535:
        raise UsageError(f"--port {port}: a port is a number from 0 to 65535")
    session = session_of(ctx)
    # A catalogue that cannot be read is said now, as by any command; the words that most
    # materials hold are ranked now, so that no page waits for it (kept in the index).
    opened = session.open(ranking=True)
    app = create_app(opened.source.path, session.dirs.cache, any_host=not is_loopback(host))
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind((host.strip("[]"), port))
        listener.listen(2048)  # from now on a browser's connection waits for the server
    except (OSError, OverflowError) as error:
        listener.close()
        reason = getattr(error, "strerror", None) or str(error)
        raise UsageError(f"cannot listen on {host}:{port}: {reason}") from None
    bound = listener.getsockname()[1]
    shown = f"[{host.strip('[]')}]" if family == socket.AF_INET6 else host
    err = session.terminal.err
    if not is_loopback(host):
        err.write(
            f"talenthub: warning: listening on {host}: the catalogue can be read by anyone "
            "who can reach this machine\n"
        )
    session.terminal.out.write(
        f"Serving {opened.describe()} at http://{shown}:{bound}/ (Ctrl-C to stop)\n"
    )
    session.terminal.out.flush()
    config = uvicorn.Config(
        app, log_level="warning", access_log=False, server_header=False, lifespan="off"
    )
    try:
        uvicorn.Server(config).run(sockets=[listener])
    finally:
        listener.close()
