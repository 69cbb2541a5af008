"""Where Chatwoot's OpenAPI file is wrong and the demo server follows CONTRACT.md instead.

`tests/test_demo_swagger.py` validates every response of the demo server against the response
schema of its operation in `tests/contract_samples/application_swagger.json` (CONTRACT §0: a
byte-identical copy of Chatwoot's `swagger/tag_groups/application_swagger.json`). The contract
says (§0, §10.17) that the swagger file is incomplete and partly inaccurate and that the
jbuilder views are authoritative. Each disagreement is listed here once, and the validator
skips exactly the errors an entry matches:

- `schemas`: where the failing keyword sits in the swagger file, as a JSON pointer ending in
  the keyword (`…/properties/status/enum`); an undocumented HTTP status is reported at
  `…/responses/status`;
- `where`: the operations (`METHOD /swagger/path/template`) and JSON paths in the response
  body (`[*]` stands for any array index) at which the server sends the value.

An error matches an entry when its schema location is one of `schemas` and its operation and
path are one of `where`. Any other validation error fails the test, and every schema location
and every `where` pair of every entry must still match something (stale entries fail too).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

Where = tuple[str, str]  # (operation, JSON path with [*] for any index)

ACCOUNT = "/api/v1/accounts/{account_id}"
CONVERSATION = ACCOUNT + "/conversations/{conversation_id}"
SCHEMAS = "#/components/schemas"
MESSAGE = f"{SCHEMAS}/message/properties"
CONVERSATION_SCHEMA = f"{SCHEMAS}/conversation/properties"

LIST_CONVERSATIONS = f"GET {ACCOUNT}/conversations"
SHOW_CONVERSATION = f"GET {CONVERSATION}"
CONTACT_CONVERSATIONS = f"GET {ACCOUNT}/contacts/{{id}}/conversations"
LIST_MESSAGES = f"GET {CONVERSATION}/messages"
CREATE_MESSAGE = f"POST {CONVERSATION}/messages"

# where §2.4 conversations sit in the operations that return them
CONVERSATION_ITEMS: dict[str, str] = {
    LIST_CONVERSATIONS: "$.data.payload[*]",
    SHOW_CONVERSATION: "$",
    CONTACT_CONVERSATIONS: "$.payload[*]",
}
# the inline schema of each one's `meta.sender`
SENDER_SCHEMAS: dict[str, str] = {
    LIST_CONVERSATIONS: f"{SCHEMAS}/conversation_list/properties/data/properties/payload/items"
    "/allOf/2/properties/meta/properties/sender/properties",
    SHOW_CONVERSATION: f"{SCHEMAS}/conversation_show/allOf/1/properties/meta/properties/sender"
    "/properties",
    CONTACT_CONVERSATIONS: f"{SCHEMAS}/contact_conversations_response/properties/payload/items"
    "/allOf/1/properties/meta/properties/sender/properties",
}


def in_conversations(field: str) -> tuple[Where, ...]:
    """A §2.4 conversation field in every operation that returns conversations."""
    return tuple((op, f"{item}.{field}") for op, item in CONVERSATION_ITEMS.items())


def in_push_messages(field: str, *, last_non_activity: bool = True) -> tuple[Where, ...]:
    """A §3.4 push-format message field inside conversations: `messages[0]` and (unless the
    value only occurs on activity messages) `last_non_activity_message`."""
    out: list[Where] = []
    for op, item in CONVERSATION_ITEMS.items():
        out.append((op, f"{item}.messages[*].{field}"))
        if last_non_activity:
            out.append((op, f"{item}.last_non_activity_message.{field}"))
    return tuple(out)


def status_location(operation: str) -> str:
    """Where `validate_response` reports an HTTP status the operation does not document."""
    method, path = operation.split(" ", 1)
    escaped = path.replace("~", "~0").replace("/", "~1")
    return f"#/paths/{escaped}/{method.lower()}/responses/status"


@dataclass(frozen=True)
class SwaggerException:
    """One known disagreement between the swagger file and the contract."""

    schemas: tuple[str, ...]  # JSON pointers of the failing keywords in the swagger file
    where: tuple[Where, ...]  # (operation, JSON path) pairs where the server sends it
    differs: str  # what the server sends and what the swagger says
    source: str  # the CONTRACT section or sample file the server follows

    def matches(self, operation: str, instance: str, schema: str) -> bool:
        return schema in self.schemas and (operation, generic_path(instance)) in self.where


def generic_path(instance: str) -> str:
    """`$.payload[3].sender` -> `$.payload[*].sender`."""
    return re.sub(r"\[\d+\]", "[*]", instance)


EXCEPTIONS: tuple[SwaggerException, ...] = (
    # ---- statuses ---------------------------------------------------------------------------
    SwaggerException(
        schemas=(
            status_location(f"POST {ACCOUNT}/agents"),
            status_location(SHOW_CONVERSATION),
        ),
        where=((f"POST {ACCOUNT}/agents", "$"), (SHOW_CONVERSATION, "$")),
        differs="an authorization failure (an agent creating agents; a conversation outside the "
        "caller's inboxes) is HTTP 401 `{error}`; the swagger documents 403",
        source="CONTRACT §9.2 (Pundit failures are 401, not 403), §10.12; "
        "error_responses.json `pundit_forbidden_conversation`",
    ),
    SwaggerException(
        schemas=(status_location(f"PUT {ACCOUNT}/contacts/{{id}}"),),
        where=((f"PUT {ACCOUNT}/contacts/{{id}}", "$"),),
        differs="a contact update answers HTTP 200 with `{payload: <contact>}`; the swagger "
        "documents 204",
        source="CONTRACT §5.1 (`PUT/PATCH …/contacts/{id}` returns `{ payload: <contact> }`)",
    ),
    # ---- profile and agents (§1.3, §6) ------------------------------------------------------
    SwaggerException(
        schemas=(f"{SCHEMAS}/user/properties/inviter_id/type",),
        where=(("GET /api/v1/profile", "$.inviter_id"),),
        differs="`inviter_id` is null for a user nobody invited (the administrator who created "
        "the account); the swagger says a non-null number",
        source="CONTRACT §1.3 (`inviter_id` is user data from `_user.json.jbuilder`, the "
        "`users.inviter_id` column) and §0 (the views, not the swagger, are authoritative)",
    ),
    SwaggerException(
        schemas=(f"{SCHEMAS}/agent/properties/availability_status/enum",),
        where=(
            (f"GET {ACCOUNT}/agents", "$[*].availability_status"),
            (f"GET {ACCOUNT}/inbox_members/{{inbox_id}}", "$.payload[*].availability_status"),
            (f"POST {ACCOUNT}/inbox_members", "$.payload[*].availability_status"),
            (f"PATCH {ACCOUNT}/inbox_members", "$.payload[*].availability_status"),
            (f"GET {ACCOUNT}/teams/{{team_id}}/team_members", "$[*].availability_status"),
            (LIST_MESSAGES, "$.meta.assignee.availability_status"),
        ),
        differs="`availability_status` is `online`, `busy` or `offline`; the swagger enum is "
        "available, busy, offline",
        source="CONTRACT §1.3 (`availability`: online | busy | offline), §7.6; profile.json, "
        'messages_page.json (`meta.assignee.availability_status: "online"`)',
    ),
    # ---- conversations (§2.4) ---------------------------------------------------------------
    SwaggerException(
        schemas=(f"{CONVERSATION_SCHEMA}/status/enum",),
        where=in_conversations("status"),
        differs="`status` is `snoozed` for snoozed conversations; the swagger enum has only "
        "open, resolved, pending",
        source="CONTRACT §2.4 (`status`: open | resolved | pending | snoozed)",
    ),
    SwaggerException(
        schemas=(f"{CONVERSATION_SCHEMA}/snoozed_until/type",),
        where=in_conversations("snoozed_until"),
        differs="`snoozed_until` is an ISO-8601 string or null; the swagger says a number",
        source="CONTRACT §2.4 (`snoozed_until`: ISO-8601 string or null), §10.3; "
        "conversations_list_page.json",
    ),
    SwaggerException(
        schemas=(f"{CONVERSATION_SCHEMA}/priority/type",),
        where=in_conversations("priority"),
        differs="`priority` is null when unset; the swagger says a non-null string",
        source="CONTRACT §2.4 (`priority`: null | low | medium | high | urgent); "
        "conversations_list_page.json",
    ),
    SwaggerException(
        schemas=(f"{CONVERSATION_SCHEMA}/timestamp/type",),
        where=in_conversations("timestamp"),
        differs="`timestamp` (= last_activity_at) is epoch seconds, an int; the swagger says a "
        "string",
        source="CONTRACT §2.4 (`timestamp` among the int epoch-second fields), §10.3; "
        "conversations_list_page.json",
    ),
    SwaggerException(
        schemas=(f"{CONVERSATION_SCHEMA}/sla_policy_id/type",),
        where=in_conversations("sla_policy_id"),
        differs="`sla_policy_id` is null without an SLA policy; the swagger says a number",
        source="CONTRACT §2.4 (`sla_policy_id`: int or null); conversations_list_page.json",
    ),
    SwaggerException(
        schemas=tuple(
            f"{base}/{field}/type"
            for base in SENDER_SCHEMAS.values()
            for field in ("email", "phone_number", "identifier")
        ),
        where=tuple(
            (op, f"{item}.meta.sender.{field}")
            for op, item in CONVERSATION_ITEMS.items()
            for field in ("email", "phone_number", "identifier")
        ),
        differs="the contact's `email`, `phone_number` and `identifier` are null when the "
        "contact has none; the swagger says non-null strings",
        source="CONTRACT §2.4 (`meta.sender`: contact, §5.2), §5.1 (a listed contact has an "
        "email, phone number *or* identifier); conversations_list_page.json "
        "(`identifier`/`phone_number` null)",
    ),
    # ---- messages (§3.3 REST, §3.4 push format inside conversations) ------------------------
    SwaggerException(
        schemas=(f"{MESSAGE}/content/type", f"{MESSAGE}/processed_message_content/type"),
        where=(
            *in_push_messages("content"),
            *in_push_messages("processed_message_content"),
            (LIST_MESSAGES, "$.payload[*].content"),
            (CREATE_MESSAGE, "$.content"),
        ),
        differs="`content` (and in the push format `processed_message_content`) is null for a "
        "message that only carries attachments; the swagger says non-null strings",
        source="CONTRACT §3.3 (`content`: string or null), §3.4 (all DB columns); "
        "messages_page.json (message 88177)",
    ),
    SwaggerException(
        schemas=(f"{MESSAGE}/source_id/type",),
        where=(
            *in_push_messages("source_id"),
            (LIST_MESSAGES, "$.payload[*].source_id"),
            (CREATE_MESSAGE, "$.source_id"),
        ),
        differs="`source_id` is null for a message without a channel-side id; the swagger says "
        "a non-null string",
        source="CONTRACT §3.3 (`source_id`: channel-side id or null); messages_page.json",
    ),
    SwaggerException(
        schemas=(f"{MESSAGE}/message_type/enum",),
        where=((CREATE_MESSAGE, "$.message_type"),),
        differs="a template message has `message_type` 3; the swagger enum stops at 2",
        source="CONTRACT §3.3 (`3` template), §10.17 (`message_type` lacks 3); "
        "messages_page.json `_comment`",
    ),
    SwaggerException(
        schemas=(f"{MESSAGE}/updated_at/type",),
        where=in_push_messages("updated_at"),
        differs="in the push format `updated_at` is an ISO-8601 string; the swagger says an int",
        source="CONTRACT §3.4 (`updated_at (ISO string)`), §10.3; conversations_list_page.json",
    ),
    SwaggerException(
        schemas=(f"{MESSAGE}/sender_type/enum",),
        where=in_push_messages("sender_type"),
        differs="`sender_type` is the Rails class name (`User`, `Contact`, `AgentBot`); the "
        "swagger enum is contact, agent, agent_bot",
        source='CONTRACT §3.4 (`sender_type ("User"|"Contact"|"AgentBot"|…)`); '
        "conversations_list_page.json",
    ),
    SwaggerException(
        schemas=(f"{MESSAGE}/sender_type/type", f"{MESSAGE}/sender_id/type"),
        where=(
            *in_push_messages("sender_type", last_non_activity=False),
            *in_push_messages("sender_id", last_non_activity=False),
        ),
        differs="an activity message has no sender: `sender_type` and `sender_id` are null; "
        "the swagger says non-null",
        source="CONTRACT §3.3 (activity = system line), §3.4 (`sender_type`, `sender_id` are DB "
        "columns); messages_page.json (activity message 88103 has no sender)",
    ),
    SwaggerException(
        schemas=tuple(
            "#/paths/~1api~1v1~1accounts~1{account_id}~1conversations~1{conversation_id}"
            f"~1messages/get/responses/200/content/application~1json/schema/properties/meta"
            f"/properties/{field}/type"
            for field in ("agent_last_seen_at", "assignee_last_seen_at")
        ),
        where=(
            (LIST_MESSAGES, "$.meta.agent_last_seen_at"),
            (LIST_MESSAGES, "$.meta.assignee_last_seen_at"),
        ),
        differs="`meta.agent_last_seen_at` / `assignee_last_seen_at` are null until someone "
        "has seen the conversation; this operation's inline schema says non-null strings "
        "(the swagger's own `conversation_meta` marks them nullable)",
        source="CONTRACT §3.1 (ISO strings; the conversation's ints are 0 when unset)",
    ),
    # ---- conversation actions (§4) ----------------------------------------------------------
    SwaggerException(
        schemas=(f"{SCHEMAS}/user/type",),
        where=((f"POST {CONVERSATION}/assignments", "$"),),
        differs="unassigning (`assignee_id: null`) or clearing the team (`team_id: null`) "
        "answers `null`; the swagger's `user` schema is not nullable",
        source="CONTRACT §4 `assignments` (the `_agent` JSON, or `null` when unassigned)",
    ),
    # ---- contacts (§5) ----------------------------------------------------------------------
    SwaggerException(
        schemas=(f"{SCHEMAS}/contact_meta/properties/current_page/type",),
        where=(
            (f"GET {ACCOUNT}/contacts", "$.meta.current_page"),
            (f"GET {ACCOUNT}/contacts/search", "$.meta.current_page"),
        ),
        differs="without a `page` parameter `meta.current_page` is the int 1 (with one, it "
        "echoes the string as sent); the swagger says always a string",
        source="CONTRACT §5.1 (`current_page` echoes the `page` parameter as sent, a string, "
        "when one is given)",
    ),
    # ---- reference data (§6) ----------------------------------------------------------------
    SwaggerException(
        schemas=tuple(
            f"{SCHEMAS}/inbox/properties/{field}/type"
            for field in (
                "greeting_message",
                "out_of_office_message",
                "callback_webhook_url",
                "business_name",
            )
        ),
        where=tuple(
            (op, f"{item}.{field}")
            for op, item in (
                (f"GET {ACCOUNT}/inboxes", "$.payload[*]"),
                (f"GET {ACCOUNT}/inboxes/{{id}}/", "$"),
            )
            for field in (
                "greeting_message",
                "out_of_office_message",
                "callback_webhook_url",
                "business_name",
            )
        ),
        differs="`greeting_message`, `out_of_office_message`, `callback_webhook_url` and "
        "`business_name` are null when not configured; the swagger says non-null strings",
        source="CONTRACT §6 Inboxes (`greeting_*` and the other inbox columns as "
        "`_inbox.json.jbuilder` renders them) and §0 (the views are authoritative)",
    ),
    SwaggerException(
        schemas=(f"{SCHEMAS}/custom_attribute/properties/attribute_values/type",),
        where=(
            (f"GET {ACCOUNT}/custom_attribute_definitions", "$[*].attribute_values"),
            (f"GET {ACCOUNT}/custom_attribute_definitions/{{id}}", "$.attribute_values"),
        ),
        differs="`attribute_values` is an array (the options of a `list` attribute, else "
        "empty); the swagger says a string",
        source="CONTRACT §6 Custom attribute definitions (display types include `list`) and "
        "§0 (the views are authoritative: the jsonb array column as stored)",
    ),
    SwaggerException(
        schemas=tuple(
            f"{SCHEMAS}/custom_attribute/properties/{field}/type"
            for field in ("regex_pattern", "regex_cue", "default_value")
        ),
        where=tuple(
            (op, f"{item}.{field}")
            for op, item in (
                (f"GET {ACCOUNT}/custom_attribute_definitions", "$[*]"),
                (f"GET {ACCOUNT}/custom_attribute_definitions/{{id}}", "$"),
            )
            for field in ("regex_pattern", "regex_cue", "default_value")
        ),
        differs="`regex_pattern`, `regex_cue` and `default_value` are null when not set; the "
        "swagger says non-null strings",
        source="CONTRACT §6 Custom attribute definitions and §0 (the views are authoritative: "
        "nullable columns rendered as stored)",
    ),
)
