"""`ChatwootClient`: the REST API of CONTRACT §1–§6 on `httpx.AsyncClient`.

Authentication is the `api_access_token` header (§1.1); sign-in with email, password and MFA
is only used to obtain that token. Failures become coded `OperatorError`s (§9.2). 429s are
retried with exponential backoff and jitter (never for sign-in); 5xx only for idempotent calls.
Tokens never reach a log line. httpx (with httpcore, anyio and the TLS context) is loaded
when the first request goes out, not at import: the window paints its cached list first.
"""

from __future__ import annotations

import json
import logging
import ssl
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from operator_desktop import __version__
from operator_desktop.core import parse
from operator_desktop.core.backoff import Backoff
from operator_desktop.core.clock import Clock, SystemClock
from operator_desktop.core.errors import ErrorCode, OperatorError, ProtocolError
from operator_desktop.core.types import (
    Agent,
    AgentSummary,
    CannedResponse,
    Contact,
    Conversation,
    CustomAttributeDefinition,
    Inbox,
    Label,
    Message,
    NotificationPage,
    Page,
    Profile,
    SignInResult,
    Team,
)
from operator_desktop.net.errors import error_for_response, error_for_transport

if TYPE_CHECKING:
    import httpx

log = logging.getLogger("net")

MAX_RETRIES = 5


def _httpx() -> ModuleType:
    import httpx

    return httpx


def _broken_mid_request() -> tuple[type[Exception], ...]:
    """The connection broke after the request went out: the answer was lost, not the server;
    an idempotent request is simply asked again (a refused connection is not: it is down)."""
    h = _httpx()
    return (h.RemoteProtocolError, h.ReadError, h.WriteError)


@dataclass(frozen=True)
class UploadFile:
    name: str
    content_type: str
    data: bytes


def make_ssl_context(ca_bundle: str | Path | None) -> ssl.SSLContext | bool:
    """TLS verification is always on; a custom CA bundle may be added for private servers."""
    if ca_bundle is None:
        return True
    return ssl.create_default_context(cafile=str(ca_bundle))


class ChatwootClient:
    """One server, one user. `account_id` scopes the account routes."""

    def __init__(
        self,
        base_url: str,
        *,
        token: str | None = None,
        account_id: int | None = None,
        ca_bundle: str | Path | None = None,
        timeout: float = 30.0,
        clock: Clock | None = None,
        backoff: Backoff | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.account_id = account_id
        self._clock = clock or SystemClock()
        self._backoff_template = backoff or Backoff(base=1.0, cap=60.0)
        self._timeout = timeout
        self._ca_bundle = ca_bundle
        self._transport = transport
        self._http_client: httpx.AsyncClient | None = None

    @property
    def _http(self) -> httpx.AsyncClient:
        """The HTTP client, made at the first request."""
        if self._http_client is None:
            h = _httpx()
            self._http_client = h.AsyncClient(
                base_url=self.base_url,
                timeout=h.Timeout(self._timeout, connect=min(self._timeout, 10.0)),
                verify=make_ssl_context(self._ca_bundle),
                transport=self._transport,
                headers={"User-Agent": f"OperatorDesktop/{__version__}"},
                follow_redirects=True,
            )
        return self._http_client

    async def aclose(self) -> None:
        if self._http_client is not None:
            await self._http_client.aclose()

    async def __aenter__(self) -> ChatwootClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    # ---- plumbing -----------------------------------------------------------------------
    def _acc(self, path: str) -> str:
        if self.account_id is None:
            raise OperatorError(ErrorCode.NOT_SIGNED_IN, "no account selected")
        return f"/api/v1/accounts/{self.account_id}{path}"

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | Sequence[tuple[str, Any]] | None = None,
        json_body: Any = None,
        data: Mapping[str, Any] | None = None,
        files: Sequence[tuple[str, tuple[str, bytes, str]]] | None = None,
        idempotent: bool | None = None,
        retry: bool = True,
        auth: bool = True,
    ) -> httpx.Response:
        """Send one request, retrying 429 (and 5xx when idempotent) with backoff."""
        if idempotent is None:
            idempotent = method in ("GET", "HEAD", "PUT", "DELETE")
        headers: dict[str, str] = {}
        if auth:
            if self.token is None:
                raise OperatorError(ErrorCode.NOT_SIGNED_IN)
            headers["api_access_token"] = self.token
        backoff = Backoff(
            base=self._backoff_template.base,
            cap=self._backoff_template.cap,
            rng=self._backoff_template.rng,
        )
        attempt = 0
        while True:
            attempt += 1
            try:
                response = await self._http.request(
                    method,
                    path,
                    params=params,  # type: ignore[arg-type]
                    json=json_body,
                    data=data,
                    files=files,
                    headers=headers,
                )
            except _httpx().HTTPError as exc:
                error = error_for_transport(exc)
                log.info("%s %s failed: %s", method, path, error.code.value)
                if retry and idempotent and isinstance(exc, _broken_mid_request()) and attempt == 1:
                    continue  # once, at once: a lost answer; again, the network is going down
                if (
                    retry
                    and idempotent
                    and error.code is ErrorCode.TIMEOUT
                    and attempt < MAX_RETRIES
                ):
                    await self._clock.sleep(backoff.next_delay())
                    continue
                raise error from exc
            if response.is_success:
                return response
            error = error_for_response(response)
            retryable = error.code is ErrorCode.RATE_LIMITED or (
                error.code is ErrorCode.SERVER_ERROR and idempotent
            )
            log.info("%s %s -> %s", method, path, response.status_code)
            if retry and retryable and attempt < MAX_RETRIES:
                await self._clock.sleep(backoff.next_delay())
                continue
            raise error

    async def get_json(self, path: str, **kwargs: Any) -> Any:
        response = await self.request("GET", path, **kwargs)
        return _json(response)

    # ---- §1 auth and profile -------------------------------------------------------------
    async def sign_in(self, email: str, password: str) -> SignInResult:
        """`POST /auth/sign_in`; never retried (5 failures lock the IP out, §9.1)."""
        response = await self._sign_in({"email": email, "password": password})
        return self._sign_in_result(response)

    async def sign_in_mfa(
        self, mfa_token: str, *, otp_code: str | None = None, backup_code: str | None = None
    ) -> SignInResult:
        body: dict[str, str] = {"mfa_token": mfa_token}
        if otp_code is not None:
            body["otp_code"] = otp_code
        if backup_code is not None:
            body["backup_code"] = backup_code
        return self._sign_in_result(await self._sign_in(body))

    async def _sign_in(self, body: dict[str, str]) -> httpx.Response:
        try:
            response = await self._http.post("/auth/sign_in", json=body)
        except _httpx().HTTPError as exc:
            raise error_for_transport(exc) from exc
        if response.status_code == 401 and "mfa_token" not in body:
            raise OperatorError(ErrorCode.BAD_CREDENTIALS, status=401)
        if response.status_code in (400, 401) and "mfa_token" in body:
            raise OperatorError(ErrorCode.MFA_INVALID, status=response.status_code)
        if response.status_code not in (200, 206):
            raise error_for_response(response)
        return response

    def _sign_in_result(self, response: httpx.Response) -> SignInResult:
        body = parse.root(_json(response))
        if response.status_code == 206 or body.flag("mfa_required"):
            return SignInResult(profile=None, mfa_token=body.text("mfa_token"))
        profile = parse.profile(body.obj("data"))
        self.token = profile.access_token
        return SignInResult(profile=profile)

    async def profile(self) -> Profile:
        return parse.profile(parse.root(await self.get_json("/api/v1/profile")))

    async def set_signature(self, signature: str) -> Profile:
        """The user's message signature (`PUT /api/v1/profile`, CONTRACT §1)."""
        body = {"profile": {"message_signature": signature}}
        response = await self.request("PUT", "/api/v1/profile", json_body=body, idempotent=True)
        return parse.profile(parse.root(_json(response)))

    async def set_availability(self, availability: str) -> Profile:
        body = {"profile": {"account_id": self.account_id, "availability": availability}}
        response = await self.request(
            "POST", "/api/v1/profile/availability", json_body=body, idempotent=True
        )
        return parse.profile(parse.root(_json(response)))

    # ---- §2 conversations ------------------------------------------------------------------
    async def conversations(
        self,
        *,
        status: str = "open",
        assignee_type: str | None = None,
        page: int = 1,
        inbox_id: int | None = None,
        team_id: int | None = None,
        labels: Sequence[str] = (),
        sort_by: str | None = None,
        updated_within: int | None = None,
    ) -> Page:
        params: list[tuple[str, Any]] = [("status", status)]
        if assignee_type is not None:
            params.append(("assignee_type", assignee_type))
        if updated_within is not None:
            params.append(("updated_within", int(updated_within)))
        else:
            params.append(("page", page))
        if inbox_id is not None:
            params.append(("inbox_id", inbox_id))
        if team_id is not None:
            params.append(("team_id", team_id))
        params.extend(("labels[]", label) for label in labels)
        if sort_by is not None:
            params.append(("sort_by", sort_by))
        data = await self.get_json(self._acc("/conversations"), params=params)
        assert self.account_id is not None
        return parse.conversation_page(data, self.account_id)

    async def conversation(self, display_id: int) -> Conversation:
        data = await self.get_json(self._acc(f"/conversations/{display_id}"))
        return parse.conversation(parse.root(data), self.account_id)

    async def search_conversations(self, query: str, page: int = 1) -> list[int]:
        """§2.5 conversation search: the display ids that match (slim view)."""
        data = await self.get_json(
            self._acc("/conversations/search"), params={"q": query, "page": page}
        )
        return [o.integer("id") for o in parse.root(data).listing("payload")]

    # ---- §3 messages ------------------------------------------------------------------------
    async def messages(
        self, display_id: int, *, before: int | None = None, after: int | None = None
    ) -> list[Message]:
        params: dict[str, int] = {}
        if before is not None:
            params["before"] = before
        if after is not None:
            params["after"] = after
        data = await self.get_json(
            self._acc(f"/conversations/{display_id}/messages"), params=params
        )
        return [parse.message(o) for o in parse.root(data).listing("payload")]

    async def send_message(
        self,
        display_id: int,
        content: str,
        *,
        private: bool = False,
        echo_id: str | None = None,
        in_reply_to: int | None = None,
        files: Sequence[UploadFile] = (),
    ) -> Message:
        """§3.2 create. Not idempotent: never retried on 5xx (the outbox reconciles)."""
        path = self._acc(f"/conversations/{display_id}/messages")
        attributes: dict[str, Any] = {}
        if in_reply_to is not None:
            attributes["in_reply_to"] = in_reply_to
        if files:
            form: dict[str, Any] = {"content": content, "private": "true" if private else "false"}
            if echo_id is not None:
                form["echo_id"] = echo_id
            if attributes:
                form["content_attributes"] = json.dumps(attributes)
            response = await self.request(
                "POST",
                path,
                data=form,
                files=[("attachments[]", (f.name, f.data, f.content_type)) for f in files],
                idempotent=False,
            )
        else:
            body: dict[str, Any] = {"content": content, "private": private}
            if echo_id is not None:
                body["echo_id"] = echo_id
            if attributes:
                body["content_attributes"] = attributes
            response = await self.request("POST", path, json_body=body, idempotent=False)
        return parse.message(parse.root(_json(response)))

    async def delete_message(self, display_id: int, message_id: int) -> None:
        await self.request(
            "DELETE", self._acc(f"/conversations/{display_id}/messages/{message_id}")
        )

    # ---- §4 actions -----------------------------------------------------------------------
    async def toggle_status(
        self, display_id: int, status: str, snoozed_until: int | None = None
    ) -> str:
        body: dict[str, Any] = {"status": status}
        if snoozed_until is not None:
            body["snoozed_until"] = int(snoozed_until)
        response = await self.request(
            "POST",
            self._acc(f"/conversations/{display_id}/toggle_status"),
            json_body=body,
            idempotent=True,
        )
        return parse.root(_json(response)).obj("payload").text("current_status")

    async def assign_agent(self, display_id: int, agent_id: int | None) -> None:
        await self.request(
            "POST",
            self._acc(f"/conversations/{display_id}/assignments"),
            json_body={"assignee_id": agent_id},
            idempotent=True,
        )

    async def assign_team(self, display_id: int, team_id: int | None) -> None:
        await self.request(
            "POST",
            self._acc(f"/conversations/{display_id}/assignments"),
            json_body={"team_id": team_id},
            idempotent=True,
        )

    async def labels_of(self, display_id: int) -> tuple[str, ...]:
        data = await self.get_json(self._acc(f"/conversations/{display_id}/labels"))
        return parse.root(data).strs("payload")

    async def set_labels(self, display_id: int, labels: Sequence[str]) -> tuple[str, ...]:
        """POST replaces the whole set (§10.11): callers read, merge, then write."""
        response = await self.request(
            "POST",
            self._acc(f"/conversations/{display_id}/labels"),
            json_body={"labels": list(labels)},
            idempotent=True,
        )
        return parse.root(_json(response)).strs("payload")

    async def set_priority(self, display_id: int, priority: str | None) -> None:
        await self.request(
            "POST",
            self._acc(f"/conversations/{display_id}/toggle_priority"),
            json_body={"priority": priority},
            idempotent=True,
        )

    async def set_typing(self, display_id: int, on: bool, *, private: bool = False) -> None:
        await self.request(
            "POST",
            self._acc(f"/conversations/{display_id}/toggle_typing_status"),
            json_body={"typing_status": "on" if on else "off", "is_private": private},
            idempotent=True,
            retry=False,
        )

    async def update_last_seen(self, display_id: int) -> None:
        await self.request(
            "POST",
            self._acc(f"/conversations/{display_id}/update_last_seen"),
            idempotent=True,
        )

    async def mark_unread(self, display_id: int) -> None:
        await self.request(
            "POST", self._acc(f"/conversations/{display_id}/unread"), idempotent=True
        )

    async def set_custom_attributes(self, display_id: int, attrs: Mapping[str, Any]) -> None:
        await self.request(
            "POST",
            self._acc(f"/conversations/{display_id}/custom_attributes"),
            json_body={"custom_attributes": dict(attrs)},
            idempotent=True,
        )

    # ---- §5 contacts ----------------------------------------------------------------------
    async def contact(self, contact_id: int) -> Contact:
        data = await self.get_json(self._acc(f"/contacts/{contact_id}"))
        return parse.contact(parse.root(data).obj("payload"))

    async def update_contact(self, contact_id: int, changes: Mapping[str, Any]) -> Contact:
        response = await self.request(
            "PUT", self._acc(f"/contacts/{contact_id}"), json_body=dict(changes)
        )
        return parse.contact(parse.root(_json(response)).obj("payload"))

    async def contact_conversations(self, contact_id: int) -> list[Conversation]:
        data = await self.get_json(self._acc(f"/contacts/{contact_id}/conversations"))
        return [parse.conversation(o, self.account_id) for o in parse.root(data).listing("payload")]

    async def contact_labels(self, contact_id: int) -> tuple[str, ...]:
        """§5.1: a contact's labels are not in the contact JSON."""
        data = await self.get_json(self._acc(f"/contacts/{contact_id}/labels"))
        return parse.root(data).strs("payload")

    async def contact_notes(self, contact_id: int) -> list[dict[str, Any]]:
        data = await self.get_json(self._acc(f"/contacts/{contact_id}/notes"))
        if not isinstance(data, list):
            raise ProtocolError("notes", "array", data)
        return [n for n in data if isinstance(n, dict)]

    async def add_contact_note(self, contact_id: int, content: str) -> None:
        await self.request(
            "POST",
            self._acc(f"/contacts/{contact_id}/notes"),
            json_body={"content": content},
            idempotent=False,
        )

    # ---- §6 reference data ----------------------------------------------------------------
    async def agents(self) -> list[Agent]:
        return [parse.agent(o) for o in _array(await self.get_json(self._acc("/agents")))]

    async def inboxes(self) -> list[Inbox]:
        data = await self.get_json(self._acc("/inboxes"))
        return [parse.inbox(o) for o in parse.root(data).listing("payload")]

    async def teams(self) -> list[Team]:
        return [parse.team(o) for o in _array(await self.get_json(self._acc("/teams")))]

    async def labels(self) -> list[Label]:
        data = await self.get_json(self._acc("/labels"))
        return [parse.label(o) for o in parse.root(data).listing("payload")]

    async def canned_responses(self, search: str | None = None) -> list[CannedResponse]:
        """§6: every canned response, or those whose short code or content holds `search`
        (best match first)."""
        params = {"search": search} if search is not None else None
        data = await self.get_json(self._acc("/canned_responses"), params=params)
        return [parse.canned_response(o) for o in _array(data)]

    # ---- §6 team administration (administrators; an agent gets Pundit's 401) -------------
    # The request shapes follow Chatwoot 4.10.1 where CONTRACT §6 is silent:
    # `agents_controller.rb` permits `name, email, role, availability, auto_offline` (a flat
    # body is wrapped under `agent` by Rails' ParamsWrapper) and answers the `_agent` JSON;
    # `inbox_members_controller.rb` takes `{inbox_id, user_ids}` on POST (add), PATCH (the
    # whole set) and DELETE (remove), answering `{payload: [agent]}` (DELETE: head 200);
    # `canned_responses_controller.rb` requires `{canned_response: {short_code, content}}`
    # and answers the record (DELETE: head 200).
    async def invite_agent(self, name: str, email: str, role: str) -> Agent:
        """Add a user to the account (created and sent an invitation when new)."""
        response = await self.request(
            "POST",
            self._acc("/agents"),
            json_body={"name": name, "email": email, "role": role},
            idempotent=False,
        )
        return parse.agent(parse.root(_json(response)))

    async def update_agent(
        self, agent_id: int, *, role: str | None = None, name: str | None = None
    ) -> Agent:
        body: dict[str, str] = {}
        if role is not None:
            body["role"] = role
        if name is not None:
            body["name"] = name
        response = await self.request(
            "PATCH", self._acc(f"/agents/{agent_id}"), json_body=body, idempotent=True
        )
        return parse.agent(parse.root(_json(response)))

    async def remove_agent(self, agent_id: int) -> None:
        """Take the user out of the account (their conversations become unassigned)."""
        await self.request("DELETE", self._acc(f"/agents/{agent_id}"))

    async def inbox_members(self, inbox_id: int) -> list[Agent]:
        data = await self.get_json(self._acc(f"/inbox_members/{inbox_id}"))
        return [parse.agent(o) for o in parse.root(data).listing("payload")]

    async def add_inbox_members(self, inbox_id: int, user_ids: Sequence[int]) -> list[Agent]:
        """Add users to the inbox; the inbox's members come back."""
        return await self._inbox_members_call("POST", inbox_id, user_ids)

    async def set_inbox_members(self, inbox_id: int, user_ids: Sequence[int]) -> list[Agent]:
        """Make `user_ids` the inbox's members (the others leave it)."""
        return await self._inbox_members_call("PATCH", inbox_id, user_ids)

    async def remove_inbox_members(self, inbox_id: int, user_ids: Sequence[int]) -> None:
        await self.request(
            "DELETE",
            self._acc("/inbox_members"),
            json_body={"inbox_id": inbox_id, "user_ids": list(user_ids)},
        )

    async def _inbox_members_call(
        self, method: str, inbox_id: int, user_ids: Sequence[int]
    ) -> list[Agent]:
        response = await self.request(
            method,
            self._acc("/inbox_members"),
            json_body={"inbox_id": inbox_id, "user_ids": list(user_ids)},
            idempotent=True,  # adding or setting the same members twice changes nothing
        )
        return [parse.agent(o) for o in parse.root(_json(response)).listing("payload")]

    async def create_canned_response(self, short_code: str, content: str) -> CannedResponse:
        response = await self.request(
            "POST",
            self._acc("/canned_responses"),
            json_body={"canned_response": {"short_code": short_code, "content": content}},
            idempotent=False,
        )
        return parse.canned_response(parse.root(_json(response)))

    async def update_canned_response(
        self, canned_id: int, *, short_code: str | None = None, content: str | None = None
    ) -> CannedResponse:
        fields: dict[str, str] = {}
        if short_code is not None:
            fields["short_code"] = short_code
        if content is not None:
            fields["content"] = content
        response = await self.request(
            "PATCH",
            self._acc(f"/canned_responses/{canned_id}"),
            json_body={"canned_response": fields},
            idempotent=True,
        )
        return parse.canned_response(parse.root(_json(response)))

    async def delete_canned_response(self, canned_id: int) -> None:
        await self.request("DELETE", self._acc(f"/canned_responses/{canned_id}"))

    async def custom_attribute_definitions(self, model: str) -> list[CustomAttributeDefinition]:
        data = await self.get_json(
            self._acc("/custom_attribute_definitions"), params={"attribute_model": model}
        )
        return [parse.custom_attribute_definition(o) for o in _array(data)]

    async def cache_keys(self) -> dict[str, str]:
        data = await self.get_json(self._acc("/cache_keys"))
        keys = parse.root(data).mapping("cache_keys")
        return {str(k): str(v) for k, v in keys.items()}

    # ---- reports (api/v2) --------------------------------------------------------------------
    async def agent_summary(self, since: float, until: float) -> list[AgentSummary]:
        """`GET /api/v2/accounts/{id}/summary_reports/agent` for [since, until): a row per
        member of the account. The contract is silent; from Chatwoot 4.10.1's
        `SummaryReportsController` and `V2::Reports::AgentSummaryBuilder`: `since`/`until`
        are Unix seconds (the range excludes `until`), administrators only (`ReportPolicy`,
        an agent gets a Pundit 401), averages in seconds of wall time (`business_hours`
        left off)."""
        if self.account_id is None:
            raise OperatorError(ErrorCode.NOT_SIGNED_IN, "no account selected")
        data = await self.get_json(
            f"/api/v2/accounts/{self.account_id}/summary_reports/agent",
            params={"since": str(int(since)), "until": str(int(until))},
        )
        return [parse.agent_summary(o) for o in _array(data)]

    # ---- §6.1 notifications (the bell) -------------------------------------------------
    async def notifications(self, page: int = 1, *, include_read: bool = False) -> NotificationPage:
        """One page (15) by last activity, newest first; without `include_read` only the
        unread, non-snoozed ones."""
        params: list[tuple[str, Any]] = [("page", page), ("sort_order", "desc")]
        if include_read:
            params.append(("includes[]", "read"))
        data = await self.get_json(self._acc("/notifications"), params=params)
        body = parse.root(data).obj("data")
        meta = body.opt_obj("meta")
        return NotificationPage(
            items=[parse.notification(o) for o in body.listing("payload")],
            count=(meta.opt_int("count") if meta is not None else None) or 0,
            unread_count=(meta.opt_int("unread_count") if meta is not None else None) or 0,
        )

    async def unread_notifications(self) -> int:
        data = await self.get_json(self._acc("/notifications/unread_count"))
        if isinstance(data, bool) or not isinstance(data, int):
            raise ProtocolError("unread_count", "integer", data)
        return data

    async def mark_notification_read(self, notification_id: int) -> None:
        await self.request("PATCH", self._acc(f"/notifications/{notification_id}"))

    async def mark_notification_unread(self, notification_id: int) -> None:
        await self.request("POST", self._acc(f"/notifications/{notification_id}/unread"))

    async def mark_all_notifications_read(self, conversation_db_id: int | None = None) -> None:
        """All unread ones, or those of one conversation (its database id, §6.1)."""
        body: dict[str, Any] = {}
        if conversation_db_id is not None:
            body = {"primary_actor_type": "Conversation", "primary_actor_id": conversation_db_id}
        await self.request(
            "POST", self._acc("/notifications/read_all"), json_body=body, idempotent=True
        )

    async def delete_notification(self, notification_id: int) -> None:
        await self.request("DELETE", self._acc(f"/notifications/{notification_id}"))

    async def download(self, url: str) -> bytes:
        """Attachment bytes (signed URLs need no auth header, §3.3); cached, never the URL."""
        try:
            response = await self._http.get(url)
        except _httpx().HTTPError as exc:
            raise error_for_transport(exc) from exc
        if not response.is_success:
            raise error_for_response(response)
        return response.content


def _json(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError as exc:
        raise OperatorError(ErrorCode.PROTOCOL, "response is not JSON") from exc


def _array(data: Any) -> list[parse.Obj]:
    if not isinstance(data, list):
        raise ProtocolError("", "array", data)
    return [parse.Obj(item, f"[{i}]") for i, item in enumerate(data)]
