"""ActionCable at `GET /cable`: the Rails JSON protocol and Chatwoot's `RoomChannel` (CONTRACT §7).

Protocol (§7.1, §7.2): subprotocols `actioncable-v1-json` / `actioncable-unsupported`, no
connection-level auth, no Origin check. The server sends `{"type":"welcome"}` on open and a
`{"type":"ping","message":<unix seconds>}` every 3 s on every connection (pings go on while the
hub is stalled). Commands are `subscribe`, `unsubscribe` and `message`; the `identifier` is a
string holding JSON and is echoed back byte for byte.

As in ActionCable 7.1 (`Connection::Subscriptions#add`) a subscription is stored under its raw
identifier before `RoomChannel#subscribed` runs, so a repeated `subscribe` of the same identifier
is ignored (the JS client re-sends it every 500 ms until confirmed), and a subscription whose
`subscribed` raised stays stored, silent, until `unsubscribe`. `RoomChannel#subscribed` finds
the user with `User.find_by!(pubsub_token:, id: user_id)` and the account with
`user.accounts.find(account_id)` (any account status), or, without `user_id`, the contact of the
`ContactInbox` with that pubsub token (the widget). A miss raises: no confirm, no reject frame.
Otherwise it streams from the pubsub token (and `account_<id>` for users), confirms, marks the
subscriber present and broadcasts `presence.update` to the pubsub token stream, i.e. every
subscription of that user (§7.4). `update_presence` does the same. Those presence broadcasts are
made by the channel itself, not by Sidekiq, so a stalled hub does not hold them.

Frames are encoded as `ActiveSupport::JSON` does (compact, UTF-8, `<`/`>`/`&` escaped), and
no permessage-deflate is negotiated. Malformed client frames are logged and ignored; the
connection stays open.
"""

from __future__ import annotations

import asyncio
import json
import logging
import weakref
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aiohttp import WSMsgType, web

from operator_desktop.demo.http import server_of
from operator_desktop.demo.hub import Subscriber

if TYPE_CHECKING:
    from operator_desktop.demo.server import DemoServer

log = logging.getLogger("demo.cable")

routes = web.RouteTableDef()

PROTOCOLS = ("actioncable-v1-json", "actioncable-unsupported")
BEAT_INTERVAL = 3.0
CHANNEL = "RoomChannel"
MAX_FRAME = 4 * 1024 * 1024


@dataclass(eq=False)
class RoomSubscription:
    """A confirmed `RoomChannel` subscription: who it is for, and its hub subscriber."""

    kind: str  # "User" | "Contact", as `@current_user.class.name`
    entity_id: int
    account_id: int
    pubsub_token: str
    subscriber: Subscriber
    writer: asyncio.Task[None] | None = field(default=None)


class CableConnection:
    """One websocket: its subscriptions (by raw identifier), the pinger and the writers."""

    def __init__(self, server: DemoServer, ws: web.WebSocketResponse) -> None:
        self.server = server
        self.ws = ws
        # identifier -> confirmed subscription, or None when `subscribed` raised
        self.subscriptions: dict[str, RoomSubscription | None] = {}
        self._send_lock = asyncio.Lock()
        self._pinger: asyncio.Task[None] | None = None

    # ---- sending ------------------------------------------------------------------------
    async def send_text(self, text: str) -> bool:
        """One text frame; False once the socket is gone."""
        if self.ws.closed:
            return False
        async with self._send_lock:
            try:
                await self.ws.send_str(text)
            except (ConnectionError, RuntimeError):
                return False
        return True

    async def send_bytes(self, data: bytes) -> bool:
        if self.ws.closed:
            return False
        async with self._send_lock:
            try:
                await self.ws.send_bytes(data)
            except (ConnectionError, RuntimeError):
                return False
        return True

    async def send(self, frame: Any) -> bool:
        return await self.send_text(encode(frame))

    # ---- lifecycle ----------------------------------------------------------------------
    def start(self) -> None:
        self._pinger = asyncio.get_running_loop().create_task(self._ping_forever())

    async def _ping_forever(self) -> None:
        while True:
            await asyncio.sleep(BEAT_INTERVAL)
            if not await self.send({"type": "ping", "message": int(self.server.clock.now())}):
                return

    async def _write_forever(self, room: RoomSubscription) -> None:
        queue = room.subscriber.queue
        while True:
            frame = await queue.get()
            if not await self.send(frame):
                return

    async def close(self) -> None:
        """Stop the pinger and writers and leave the hub (the socket is already closing)."""
        tasks: list[asyncio.Task[None]] = []
        if self._pinger is not None:
            tasks.append(self._pinger)
        for identifier in list(self.subscriptions):
            room = self.subscriptions.pop(identifier)
            if room is not None:
                self.server.hub.remove(room.subscriber)
                if room.writer is not None:
                    tasks.append(room.writer)
        for task in tasks:
            task.cancel()
        for result in await asyncio.gather(*tasks, return_exceptions=True):
            if isinstance(result, Exception):  # a failed writer must not stop the cleanup
                log.error("cable task failed", exc_info=result)

    # ---- commands -----------------------------------------------------------------------
    async def receive(self, text: str) -> None:
        """One client frame; anything malformed is logged and ignored, as Rails does."""
        try:
            data = json.loads(text)
        except ValueError:
            log.info("ignoring a frame that is not JSON: %.80r", text)
            return
        if not isinstance(data, dict):
            log.info("ignoring a frame that is not a JSON object: %.80r", text)
            return
        command = data.get("command")
        identifier = data.get("identifier")
        if not isinstance(identifier, str):
            log.info("ignoring a command without a string identifier: %.80r", text)
            return
        if command == "subscribe":
            await self.subscribe(identifier)
        elif command == "unsubscribe":
            await self.unsubscribe(identifier)
        elif command == "message":
            self.perform(identifier, data.get("data"))
        else:
            log.info("received unrecognized command: %.80r", text)

    async def subscribe(self, identifier: str) -> None:
        if identifier in self.subscriptions:
            return  # already subscribed (or failed): ActionCable ignores a repeat
        try:
            params = json.loads(identifier)
        except ValueError:
            log.info("subscribe with an identifier that is not JSON")
            return
        if not isinstance(params, dict):
            return
        if params.get("channel") != CHANNEL:
            log.info("subscription class not found: %r", params.get("channel"))
            return
        self.subscriptions[identifier] = None
        room = self._room_subscribed(identifier, params)
        if room is None:
            log.info("RoomChannel#subscribed raised (record not found): no confirmation")
            return
        self.subscriptions[identifier] = room
        room.subscriber.queue.put_nowait({"identifier": identifier, "type": "confirm_subscription"})
        self.server.hub.add(room.subscriber)
        room.writer = asyncio.get_running_loop().create_task(self._write_forever(room))
        self._update_presence(room)

    def _room_subscribed(self, identifier: str, params: dict[str, Any]) -> RoomSubscription | None:
        """`RoomChannel#subscribed`: None where `find_by!` / `find` would raise."""
        store = self.server.store
        token = params.get("pubsub_token")
        if not isinstance(token, str) or not token:
            return None
        if _blank(params.get("user_id")):
            ci = next((c for c in store.contact_inboxes.values() if c.pubsub_token == token), None)
            if ci is None or ci.contact_id not in store.contacts:
                return None
            contact = store.contacts[ci.contact_id]
            return RoomSubscription(
                kind="Contact",
                entity_id=contact.id,
                account_id=contact.account_id,
                pubsub_token=token,
                subscriber=Subscriber(identifier, 0, contact.account_id, frozenset({token})),
            )
        user_id = _record_id(params.get("user_id"))
        user = store.user_by_pubsub(token)
        if user is None or user_id is None or user.id != user_id:
            return None
        account_id = _record_id(params.get("account_id"))
        if account_id is None or store.membership(account_id, user.id) is None:
            return None
        streams = frozenset({token, f"account_{account_id}"})
        return RoomSubscription(
            kind="User",
            entity_id=user.id,
            account_id=account_id,
            pubsub_token=token,
            subscriber=Subscriber(identifier, user.id, account_id, streams),
        )

    async def unsubscribe(self, identifier: str) -> None:
        if identifier not in self.subscriptions:
            log.info("unable to find subscription with identifier %.80r", identifier)
            return
        room = self.subscriptions.pop(identifier)
        if room is None:
            return
        self.server.hub.remove(room.subscriber)
        if room.writer is not None:
            room.writer.cancel()
            await asyncio.gather(room.writer, return_exceptions=True)

    def perform(self, identifier: str, raw: Any) -> None:
        """`message` command: `Channel#perform_action` with the JSON-encoded `data`."""
        if identifier not in self.subscriptions:
            log.info("unable to find subscription with identifier %.80r", identifier)
            return
        if not isinstance(raw, str):
            log.info("message command without string data")
            return
        try:
            payload = json.loads(raw)
        except ValueError:
            log.info("message command with data that is not JSON")
            return
        action = payload.get("action") if isinstance(payload, dict) else None
        if action != "update_presence":
            log.info("unable to process RoomChannel#%s", action)
            return
        room = self.subscriptions[identifier]
        if room is not None:
            self._update_presence(room)

    def _update_presence(self, room: RoomSubscription) -> None:
        """`update_subscription` + `broadcast_presence`."""
        presence = self.server.presence
        if room.kind == "User":
            presence.touch_user(room.account_id, room.entity_id)
        else:
            presence.touch_contact(room.account_id, room.entity_id)
        data = presence_data(self.server, room.account_id, with_contacts=room.kind == "User")
        self.server.hub.broadcast_direct([room.pubsub_token], "presence.update", data)


_RAILS_ESCAPES = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def encode(frame: Any) -> str:
    """`ActiveSupport::JSON.encode`: compact, UTF-8, with `<`, `>`, `&`, U+2028/9 escaped.

    Those characters can only occur inside JSON strings, so escaping them in the whole text is
    safe; it gives clients the same bytes a Rails server sends.
    """
    return json.dumps(frame, ensure_ascii=False, separators=(",", ":")).translate(_RAILS_ESCAPES)


def presence_data(server: DemoServer, account_id: int, *, with_contacts: bool) -> dict[str, Any]:
    """§7.4 `presence.update`: present agents and contacts, plus agents without auto-offline."""
    users: dict[str, str] = {}
    for au in server.store.members_of(account_id):
        if not au.auto_offline or server.presence.is_user_present(account_id, au.user_id):
            users[str(au.user_id)] = server.views.availability_status(au)
    data: dict[str, Any] = {"account_id": account_id, "users": users}
    if with_contacts:
        data["contacts"] = {
            str(cid): "online" for cid in sorted(server.presence.present_contacts(account_id))
        }
    return data


def _blank(value: Any) -> bool:
    """Ruby's `blank?` for JSON values."""
    if value is None or value is False:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | dict):
        return not value
    return False


def _record_id(value: Any) -> int | None:
    """An id as ActiveRecord casts it in `find_by(id:)`: an integer or a string of digits."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


_connections: weakref.WeakKeyDictionary[web.WebSocketResponse, CableConnection] = (
    weakref.WeakKeyDictionary()
)


@routes.get("/cable")
async def cable(request: web.Request) -> web.StreamResponse:
    server = server_of(request)
    # websocket-driver, under ActionCable, negotiates no permessage-deflate: neither do we.
    ws = web.WebSocketResponse(protocols=PROTOCOLS, max_msg_size=MAX_FRAME, compress=False)
    if not ws.can_prepare(request).ok:
        # ActionCable answers a plain HTTP request to the mount point like this.
        return web.Response(status=404, text="Page not found", content_type="text/plain")
    await ws.prepare(request)
    conn = CableConnection(server, ws)
    _connections[ws] = conn
    server.websockets.add(ws)
    try:
        await conn.send({"type": "welcome"})
        conn.start()
        async for msg in ws:
            if msg.type == WSMsgType.TEXT:
                try:
                    await conn.receive(msg.data)
                except Exception:  # a bad frame never takes the server or the socket down
                    log.exception("cable command failed")
            elif msg.type == WSMsgType.BINARY:
                log.info("ignoring a binary frame of %d bytes", len(msg.data))
            elif msg.type == WSMsgType.ERROR:
                log.info("cable socket error: %s", ws.exception())
                break
    finally:
        server.websockets.discard(ws)
        _connections.pop(ws, None)
        await conn.close()
    return ws


async def send_malformed_frames(server: DemoServer) -> int:
    """Control: send every cable socket a burst of frames a client must survive; their count."""
    sent = 0
    for ws in list(server.websockets):
        conn = _connections.get(ws)
        if conn is None:
            continue
        identifiers = [i for i, room in conn.subscriptions.items() if room is not None]
        if not identifiers:
            identifiers = ['{"channel":"RoomChannel","pubsub_token":"none","account_id":1}']
        unknown = json.dumps(
            {"channel": "RoomChannel", "pubsub_token": "no-such-subscription", "account_id": 1},
            separators=(",", ":"),
        )
        texts = [
            "this is not JSON {",
            json.dumps([1, 2, 3]),
            json.dumps({"type": "surprise", "message": 42}),
            json.dumps({"type": "ping", "message": "not a number"}),
            json.dumps(
                {
                    "identifier": unknown,
                    "message": {"event": "message.created", "data": {"id": 1, "account_id": 1}},
                }
            ),
        ]
        for identifier in identifiers:
            texts += [
                json.dumps({"identifier": identifier, "message": "not an object"}),
                json.dumps({"identifier": identifier, "message": {"event": 42, "data": []}}),
                json.dumps(
                    {
                        "identifier": identifier,
                        "message": {
                            "event": "message.created",
                            "data": {
                                "id": "abc",
                                "account_id": None,
                                "conversation_id": "x",
                                "content": 12345,
                                "message_type": "incoming",
                                "created_at": "yesterday",
                                "sender": [],
                            },
                        },
                    }
                ),
                json.dumps(
                    {
                        "identifier": identifier,
                        "message": {"event": "conversation.updated", "data": {"account_id": 1}},
                    }
                ),
            ]
        for text in texts:
            if await conn.send_text(text):
                sent += 1
        if await conn.send_bytes(b"\x00\xffnot a text frame"):
            sent += 1
    server.faults.malformed_frames += sent
    return sent
