"""``coach serve`` as an operator runs it: on SIGTERM, live clients get close code 1012 and the process exits; a
WebSocket handshake with a very long URL still gets an answer."""

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


def wait_until_up(port: int) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/v1/health", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.3)
    raise AssertionError(f"coach serve did not answer on port {port}")


def test_sigterm_closes_live_sessions_as_a_service_restart() -> None:
    port = free_port()
    command = [sys.executable, "-m", "coach.cli.main", "serve", "--port", str(port), "--grace-seconds", "3"]
    with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) as server:
        try:
            wait_until_up(port)
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


def test_a_websocket_url_of_ten_thousand_characters_gets_an_answer() -> None:
    port = free_port()
    command = [sys.executable, "-m", "coach.cli.main", "serve", "--port", str(port)]
    with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) as server:
        try:
            wait_until_up(port)
            with connect(f"ws://127.0.0.1:{port}/v1/live?session={'a' * 10_000}", open_timeout=10) as socket:
                reply = json.loads(socket.recv(timeout=10))
            assert reply["type"] == "error"
            assert "cannot be resumed" in reply["message"]
        finally:
            server.terminate()
            server.wait(timeout=30)
