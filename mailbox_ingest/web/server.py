"""Serve the web app with uvicorn: in a thread of the daemon, or alone in the foreground."""

from __future__ import annotations

import signal
import socket
import threading
from dataclasses import dataclass

import uvicorn
from fastapi import FastAPI

from mailbox_ingest.domain.errors import ConfigError


def bind(host: str, port: int) -> socket.socket:
    """A listening socket; a busy or forbidden port is a ConfigError naming web.port."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise ConfigError(
            "web.port", f"cannot listen on {host}:{port}: {exc.strerror or exc}"
        ) from exc
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


@dataclass(slots=True)
class RunningServer:
    """A uvicorn server running in a daemon thread."""

    server: uvicorn.Server
    thread: threading.Thread
    port: int
    app: FastAPI

    def stop(self) -> None:
        """Ask the server to finish, wait for it, and stop the page-render child process."""
        self.server.should_exit = True
        self.thread.join(timeout=10)
        context = getattr(self.app.state, "ctx", None)
        if context is not None:
            context.renderer.close()


def _config(app: FastAPI) -> uvicorn.Config:
    return uvicorn.Config(
        app,
        log_level="warning",
        access_log=False,
        lifespan="off",
        proxy_headers=False,
        server_header=False,
    )


def serve_in_thread(app: FastAPI, host: str, port: int) -> RunningServer:
    """Start serving `app` on host:port in a daemon thread."""
    sock = bind(host, port)
    server = uvicorn.Server(_config(app))
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, name="web", daemon=True
    )
    thread.start()
    return RunningServer(server, thread, sock.getsockname()[1], app)


def serve_forever(app: FastAPI, host: str, port: int) -> None:
    """Serve `app` until SIGINT or SIGTERM, then stop cleanly (exit status 0)."""
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    running = serve_in_thread(app, host, port)
    while not stop.wait(1.0):
        if not running.thread.is_alive():
            break
    running.stop()
