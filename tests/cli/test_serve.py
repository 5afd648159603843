"""``coach serve`` as an operator runs it: on SIGTERM, live clients get close code 1012 and the process exits."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time

import httpx
import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from benchmarks.load_test import free_port

pytestmark = pytest.mark.slow


def test_sigterm_closes_live_sessions_as_a_service_restart() -> None:
    port = free_port()
    command = [sys.executable, "-m", "coach.cli.main", "serve", "--port", str(port), "--grace-seconds", "3"]
    with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) as server:
        try:
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                try:
                    if httpx.get(f"http://127.0.0.1:{port}/v1/health", timeout=2).status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.3)
            with connect(f"ws://127.0.0.1:{port}/v1/live") as socket:
                assert json.loads(socket.recv())["type"] == "session"
                server.send_signal(signal.SIGTERM)
                with pytest.raises(ConnectionClosed) as closed:
                    socket.recv(timeout=10)
            assert closed.value.rcvd is not None
            assert closed.value.rcvd.code == 1012
            # uvicorn shuts down cleanly, then re-raises the signal, as a process ended by SIGTERM should
            assert server.wait(timeout=15) in (0, -signal.SIGTERM)
        finally:
            if server.poll() is None:
                server.kill()
