"""A loopback TCP proxy that can cut its connections in the middle of a server's reply.

The tests put it between a client and a real server (Dovecot) to cut the connection at an
exact point, which stopping the server cannot do: ``cut_after(n)`` closes the next
connection once ``n`` more bytes have gone from the server to the client (say, halfway
through a FETCH response), and ``cut_all()`` drops every open connection at once.
"""

from __future__ import annotations

import contextlib
import socket
import threading

from testkit.servers import LOOPBACK, free_ports


class TcpProxy:
    """Forward ``port`` on loopback to ``target``; one thread per direction per connection."""

    def __init__(self, target_host: str, target_port: int) -> None:
        """Choose a free port; nothing listens until ``start()``."""
        self.target = (target_host, target_port)
        self.host, self.port = LOOPBACK, free_ports(1)[0]
        self.cuts = 0  # connections cut on purpose so far
        self._budget: int | None = None  # server bytes left before the armed cut
        self._lock = threading.Lock()
        self._pairs: list[tuple[socket.socket, socket.socket]] = []
        self._listener: socket.socket | None = None

    def start(self) -> None:
        """Listen and accept in a background thread."""
        listener = socket.create_server((self.host, self.port))
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def stop(self) -> None:
        """Stop listening and drop every connection."""
        listener, self._listener = self._listener, None
        if listener is not None:
            listener.close()
        self.cut_all()

    def cut_after(self, server_bytes: int) -> None:
        """Cut the connection that carries the next ``server_bytes`` bytes from the server."""
        with self._lock:
            self._budget = server_bytes

    def cut_all(self) -> None:
        """Close every open connection now (both sides see the connection reset)."""
        with self._lock:
            pairs, self._pairs = self._pairs, []
        for pair in pairs:
            for sock in pair:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # stopped
            try:
                server = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            server.settimeout(None)
            with self._lock:
                self._pairs.append((client, server))
            threading.Thread(target=self._pipe, args=(client, server, False), daemon=True).start()
            threading.Thread(target=self._pipe, args=(server, client, True), daemon=True).start()

    def _pipe(self, src: socket.socket, dst: socket.socket, from_server: bool) -> None:
        try:
            while data := src.recv(65536):
                keep = self._spend(len(data)) if from_server else None
                if keep is not None:
                    dst.sendall(data[:keep])
                    self._cut(src, dst)
                    return
                dst.sendall(data)
        except OSError:
            pass
        for sock in (src, dst):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def _spend(self, n: int) -> int | None:
        """Charge ``n`` server bytes to an armed cut; the bytes to pass before it, or None."""
        with self._lock:
            if self._budget is None or n < self._budget:
                if self._budget is not None:
                    self._budget -= n
                return None
            keep, self._budget = self._budget, None
            return keep

    def _cut(self, src: socket.socket, dst: socket.socket) -> None:
        self.cuts += 1
        for sock in (src, dst):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
