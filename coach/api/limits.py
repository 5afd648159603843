"""A pure ASGI middleware that bounds request bodies: over the configured size, streamed or not, a JSON 413; not
all there within the configured time, a JSON 408.

The body is read (up to the limit) before the app sees the request, so the refusal never depends on how a route or
FastAPI reads it: a chunked body without ``Content-Length`` gets the same 413 as one that declares its size, and a
client that sends half a body and stalls holds a connection for at most ``timeout_seconds``.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class BodySizeLimit:
    def __init__(self, app: ASGIApp, max_bytes: int, timeout_seconds: float) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.timeout_seconds = timeout_seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(send)
            return
        chunks: list[bytes] = []
        received = 0
        try:
            async with asyncio.timeout(self.timeout_seconds):
                while True:
                    message = await receive()
                    if message["type"] != "http.request":
                        return  # the client went away before sending its whole body: nobody to answer
                    chunk: bytes = message.get("body", b"")
                    received += len(chunk)
                    if received > self.max_bytes:
                        await self._refuse(send)
                        return
                    chunks.append(chunk)
                    if not message.get("more_body", False):
                        break
        except TimeoutError:
            await _answer(
                send,
                408,
                "body_timeout",
                f"The request body did not arrive within {self.timeout_seconds:g} seconds ({received} bytes came); "
                "send the whole body at once.",
            )
            return
        replayed = False

        async def replay_receive() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
            return await receive()

        await self.app(scope, replay_receive, send)

    async def _refuse(self, send: Send) -> None:
        await _answer(
            send,
            413,
            "body_too_large",
            f"The request body is over the limit of {self.max_bytes} bytes; send fewer utterances per request or a "
            "shorter transcript.",
        )


async def _answer(send: Send, status: int, kind: str, message: str) -> None:
    body: dict[str, Any] = {"error": {"type": kind, "message": message}}
    payload = json.dumps(body).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())]
    if status == 408:
        headers.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": payload})
