"""The demo server's answers validate against Chatwoot's OpenAPI file, except where the
contract says the file is wrong.

One demo server (seed 1) is driven over loopback. Every operation of
`tests/contract_samples/application_swagger.json` (CONTRACT §0, a byte-identical copy) that
the demo routes has a probe below: it calls the operation with real ids taken from the
seeded data and records each response. The status must be documented for the operation and
the JSON body must validate against that status's response schema (OpenAPI 3.0 dialect,
`nullable` honoured, `$ref`s resolved in the swagger document). The known disagreements
between the swagger file and CONTRACT.md live in `tests/swagger_exceptions.py`; every other
validation error fails, and so does an exception that no longer matches anything.

The swagger operations the demo does not route are reported by
`test_unimplemented_operations_report` (run with `-s` to see the list); the test fails only
when the probes and the router disagree.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from aiohttp.test_utils import make_mocked_request
from jsonschema.exceptions import ValidationError
from openapi_schema_validator import OAS30Validator, oas30_format_checker
from referencing import Registry, Resource

from operator_desktop.demo.config import DemoConfig
from operator_desktop.demo.server import DemoServer, DemoServerThread
from tests.conftest import ANNA, BORIS, api
from tests.shapes import SAMPLES
from tests.swagger_exceptions import EXCEPTIONS, generic_path

SWAGGER_FILE = SAMPLES / "application_swagger.json"
SWAGGER_SHA256 = ("7ebf60ff", "ad5b1c")  # CONTRACT §0 gives the digest as `7ebf60ff…ad5b1c`
SWAGGER_BYTES = SWAGGER_FILE.read_bytes()
SWAGGER: dict[str, Any] = json.loads(SWAGGER_BYTES)
SWAGGER_URI = "urn:chatwoot:application_swagger.json"
REGISTRY: Registry[Any] = Registry().with_resource(SWAGGER_URI, Resource.opaque(SWAGGER))
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

A1 = "/api/v1/accounts/1"
ACCOUNT = "/api/v1/accounts/{account_id}"
CONVERSATION = ACCOUNT + "/conversations/{conversation_id}"


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _pointers(node: Any, pointer: str, out: dict[int, str]) -> dict[int, str]:
    """`id(subschema) -> "#/json/pointer"` for every object and array of the document, so a
    validation error's schema can be named by where it sits in the swagger file."""
    if isinstance(node, dict):
        out[id(node)] = pointer
        for key, value in node.items():
            _pointers(value, f"{pointer}/{_escape(str(key))}", out)
    elif isinstance(node, list):
        out[id(node)] = pointer
        for index, value in enumerate(node):
            _pointers(value, f"{pointer}/{index}", out)
    return out


POINTERS = _pointers(SWAGGER, "#", {})


def operations() -> list[str]:
    """Every swagger operation as `METHOD /path/template`, in file order."""
    return [
        f"{method.upper()} {path}"
        for path, item in SWAGGER["paths"].items()
        for method in item
        if method in METHODS
    ]


# ---- validation ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Finding:
    """One validation error: where in the body, which swagger keyword, what."""

    endpoint: str
    instance: str
    schema: str
    message: str

    def __str__(self) -> str:
        return f"{self.endpoint}: {self.instance} vs {self.schema}: {self.message}"


def _operation_object(endpoint: str) -> dict[str, Any]:
    method, path = endpoint.split(" ", 1)
    op: dict[str, Any] = SWAGGER["paths"][path][method.lower()]
    return op


def _error_location(error: ValidationError) -> str:
    where = POINTERS.get(id(error.schema), "#?")
    return f"{where}/{error.validator}"


def validate_response(endpoint: str, response: httpx.Response) -> list[Finding]:
    """The status must be documented; a JSON body must match that status's schema."""
    responses: dict[str, Any] = _operation_object(endpoint)["responses"]
    status = str(response.status_code)
    if status not in responses:
        documented = ", ".join(responses)
        return [
            Finding(
                endpoint,
                "$",
                POINTERS[id(responses)] + "/status",
                f"HTTP {status} is not a documented status ({documented})",
            )
        ]
    media = (responses[status].get("content") or {}).get("application/json")
    if media is None or "schema" not in media:
        return []
    if response.headers.get("content-type", "").split(";")[0] != "application/json":
        return [
            Finding(
                endpoint,
                "$",
                POINTERS[id(media)],
                f"body is {response.headers.get('content-type')!r}, not JSON",
            )
        ]
    validator = OAS30Validator(
        {"$ref": SWAGGER_URI + POINTERS[id(media["schema"])]},
        registry=REGISTRY,
        format_checker=oas30_format_checker,
    )
    return [
        Finding(endpoint, error.json_path, _error_location(error), error.message)
        for error in validator.iter_errors(response.json())
    ]


@dataclass
class Report:
    """What the probes saw, per swagger operation."""

    responses: dict[str, int] = field(default_factory=dict)  # endpoint -> responses checked
    problems: dict[str, list[str]] = field(default_factory=dict)  # failures, by endpoint
    # what each exception (by index into EXCEPTIONS) matched: schema locations, where pairs
    used: set[tuple[int, object]] = field(default_factory=set)

    def check(self, endpoint: str, response: httpx.Response, expect: int) -> None:
        self.responses[endpoint] = self.responses.get(endpoint, 0) + 1
        problems = self.problems.setdefault(endpoint, [])
        request = f"{response.request.method} {response.request.url.raw_path.decode()}"
        if response.status_code != expect:
            problems.append(f"{request}: HTTP {response.status_code}, expected {expect}")
        for finding in validate_response(endpoint, response):
            index = _exception_for(finding)
            if index is None:
                problems.append(f"{request}: {finding}")
            else:
                self.used.add((index, finding.schema))
                self.used.add((index, (endpoint, generic_path(finding.instance))))


def _exception_for(finding: Finding) -> int | None:
    for index, exception in enumerate(EXCEPTIONS):
        if exception.matches(finding.endpoint, finding.instance, finding.schema):
            return index
    return None


# ---- probes -------------------------------------------------------------------------------
class Session:
    """The clients a probe uses and the report it writes to."""

    def __init__(self, url: str, report: Report) -> None:
        self.admin = api(url)
        self.anna = api(url, ANNA.access_token)
        self.boris = api(url, BORIS.access_token)
        self.report = report
        self.endpoint = ""

    def close(self) -> None:
        for client in (self.admin, self.anna, self.boris):
            client.close()

    def send(
        self,
        method: str,
        path: str,
        *,
        client: httpx.Client | None = None,
        expect: int = 200,
        **kwargs: Any,
    ) -> httpx.Response:
        response = (client or self.admin).request(method, path, **kwargs)
        self.report.check(self.endpoint, response, expect)
        return response

    # seeded ids, read through the API itself
    def ids(self, path: str, key: str = "id", **params: Any) -> list[Any]:
        body = self.admin.get(path, params=params).json()
        items = body if isinstance(body, list) else body.get("payload", body)
        if isinstance(items, dict):
            items = items.get("payload", [])
        return [item[key] for item in items]

    def conversation_ids(self) -> list[int]:
        out: list[int] = []
        page = 1
        while True:
            resp = self.admin.get(f"{A1}/conversations", params={"status": "all", "page": page})
            batch = [c["id"] for c in resp.json()["data"]["payload"]]
            out += batch
            if len(batch) < 25:
                return out
            page += 1


Probe = Callable[[Session], None]
PROBES: dict[str, Probe] = {}


def probe(method: str, path: str) -> Callable[[Probe], Probe]:
    """Register `fn` as the probe of the swagger operation `method path`."""
    endpoint = f"{method} {path}"

    def register(fn: Probe) -> Probe:
        assert endpoint not in PROBES, endpoint
        PROBES[endpoint] = fn
        return fn

    return register


@probe("GET", "/api/v1/profile")
def _profile(s: Session) -> None:
    s.send("GET", "/api/v1/profile")
    s.send("GET", "/api/v1/profile", client=s.anna)
    with api(str(s.admin.base_url), "not-a-token") as stranger:
        s.send("GET", "/api/v1/profile", client=stranger, expect=401)


@probe("GET", ACCOUNT + "/agents")
def _agents(s: Session) -> None:
    s.send("GET", f"{A1}/agents")
    s.send("GET", f"{A1}/agents", client=s.anna)


@probe("POST", ACCOUNT + "/agents")
def _agents_create(s: Session) -> None:
    body = {"name": "Swagger Probe", "email": "swagger.probe@acme.inc", "role": "agent"}
    s.send("POST", f"{A1}/agents", json=body)
    # CONTRACT §9.2: authorization failures are 401 (the swagger documents 403)
    other = {"name": "Not Allowed", "email": "not.allowed@acme.inc"}
    s.send("POST", f"{A1}/agents", json=other, client=s.anna, expect=401)


def _probe_agent_id(s: Session) -> int:
    agents = s.admin.get(f"{A1}/agents").json()
    return int(next(a["id"] for a in agents if a["email"] == "swagger.probe@acme.inc"))


@probe("PATCH", ACCOUNT + "/agents/{id}")
def _agents_update(s: Session) -> None:
    agent_id = _probe_agent_id(s)
    s.send("PATCH", f"{A1}/agents/{agent_id}", json={"name": "Probe", "availability": "busy"})
    s.send("PATCH", f"{A1}/agents/999999", json={"name": "Nobody"}, expect=404)


@probe("DELETE", ACCOUNT + "/agents/{id}")
def _agents_destroy(s: Session) -> None:
    s.send("DELETE", f"{A1}/agents/{_probe_agent_id(s)}")
    s.send("DELETE", f"{A1}/agents/999999", expect=404)


@probe("GET", ACCOUNT + "/canned_responses")
def _canned(s: Session) -> None:
    s.send("GET", f"{A1}/canned_responses")
    s.send("GET", f"{A1}/canned_responses", params={"search": "a"}, client=s.anna)


@probe("POST", ACCOUNT + "/canned_responses")
def _canned_create(s: Session) -> None:
    body = {"canned_response": {"short_code": "swagger", "content": "Checked by the swagger"}}
    s.send("POST", f"{A1}/canned_responses", json=body)


def _probe_canned_id(s: Session) -> int:
    canned = s.admin.get(f"{A1}/canned_responses").json()
    return int(next(c["id"] for c in canned if c["short_code"] == "swagger"))


@probe("PATCH", ACCOUNT + "/canned_responses/{id}")
def _canned_update(s: Session) -> None:
    body = {"canned_response": {"content": "Checked twice"}}
    s.send("PATCH", f"{A1}/canned_responses/{_probe_canned_id(s)}", json=body)


@probe("DELETE", ACCOUNT + "/canned_responses/{id}")
def _canned_destroy(s: Session) -> None:
    s.send("DELETE", f"{A1}/canned_responses/{_probe_canned_id(s)}")


@probe("GET", ACCOUNT + "/custom_attribute_definitions")
def _definitions(s: Session) -> None:
    s.send("GET", f"{A1}/custom_attribute_definitions")
    for model in ("conversation_attribute", "contact_attribute"):
        s.send("GET", f"{A1}/custom_attribute_definitions", params={"attribute_model": model})


@probe("GET", ACCOUNT + "/custom_attribute_definitions/{id}")
def _definition(s: Session) -> None:
    for definition_id in s.ids(f"{A1}/custom_attribute_definitions"):
        s.send("GET", f"{A1}/custom_attribute_definitions/{definition_id}")


def _contact_ids(s: Session) -> list[int]:
    """Every listed contact (15 a page), all pages."""
    out: list[int] = []
    page = 1
    while batch := s.ids(f"{A1}/contacts", page=page):
        out += [int(i) for i in batch]
        page += 1
    return out


@probe("GET", ACCOUNT + "/contacts")
def _contacts(s: Session) -> None:
    s.send("GET", f"{A1}/contacts")
    s.send("GET", f"{A1}/contacts", params={"page": "2", "sort": "name"})


@probe("GET", ACCOUNT + "/contacts/{id}")
def _contact(s: Session) -> None:
    for contact_id in _contact_ids(s):
        s.send("GET", f"{A1}/contacts/{contact_id}")
    s.send("GET", f"{A1}/contacts/{_contact_ids(s)[0]}", params={"include_contact_inboxes": 0})
    s.send("GET", f"{A1}/contacts/999999", expect=404)


@probe("PUT", ACCOUNT + "/contacts/{id}")
def _contact_update(s: Session) -> None:
    body = {"name": "Swagger Checked", "custom_attributes": {"checked": True}}
    s.send("PUT", f"{A1}/contacts/{_contact_ids(s)[0]}", json=body)


@probe("GET", ACCOUNT + "/contacts/{id}/conversations")
def _contact_conversations(s: Session) -> None:
    for contact_id in _contact_ids(s):
        s.send("GET", f"{A1}/contacts/{contact_id}/conversations")


@probe("GET", ACCOUNT + "/contacts/{id}/labels")
def _contact_labels(s: Session) -> None:
    s.send("GET", f"{A1}/contacts/{_contact_ids(s)[0]}/labels")


@probe("POST", ACCOUNT + "/contacts/{id}/labels")
def _contact_labels_update(s: Session) -> None:
    labels = s.ids(f"{A1}/labels", "title")[:2]
    s.send("POST", f"{A1}/contacts/{_contact_ids(s)[0]}/labels", json={"labels": labels})


@probe("GET", ACCOUNT + "/contacts/search")
def _contacts_search(s: Session) -> None:
    first = s.admin.get(f"{A1}/contacts").json()["payload"][0]
    s.send("GET", f"{A1}/contacts/search", params={"q": first["name"][:3]})
    s.send("GET", f"{A1}/contacts/search", params={"q": "zzzz-nobody"})


@probe("GET", ACCOUNT + "/contacts/{id}/contactable_inboxes")
def _contactable_inboxes(s: Session) -> None:
    for contact_id in _contact_ids(s)[:5]:
        s.send("GET", f"{A1}/contacts/{contact_id}/contactable_inboxes")


@probe("GET", ACCOUNT + "/conversations/meta")
def _conversations_meta(s: Session) -> None:
    s.send("GET", f"{A1}/conversations/meta")
    s.send("GET", f"{A1}/conversations/meta", params={"status": "all"}, client=s.anna)


@probe("GET", ACCOUNT + "/conversations")
def _conversations(s: Session) -> None:
    for status in ("open", "resolved", "pending", "snoozed"):
        s.send("GET", f"{A1}/conversations", params={"status": status})
    for page in (1, 2, 3):
        s.send("GET", f"{A1}/conversations", params={"status": "all", "page": page})
    s.send("GET", f"{A1}/conversations", params={"assignee_type": "me"}, client=s.anna)
    s.send("GET", f"{A1}/conversations", params={"updated_within": 3600, "status": "all"})


@probe("POST", ACCOUNT + "/conversations/filter")
def _conversations_filter(s: Session) -> None:
    condition = {
        "attribute_key": "status",
        "filter_operator": "equal_to",
        "values": ["open", "snoozed"],
        "query_operator": None,
    }
    s.send("POST", f"{A1}/conversations/filter", json={"payload": [condition]})


@probe("GET", CONVERSATION)
def _conversation(s: Session) -> None:
    for display_id in s.conversation_ids():
        s.send("GET", f"{A1}/conversations/{display_id}")
    s.send("GET", f"{A1}/conversations/999999", expect=404)
    # CONTRACT §9.2, §10.12: a Pundit denial is 401 (the swagger documents 403)
    s.send("GET", f"{A1}/conversations/{_outside_boris(s)}", client=s.boris, expect=401)


def _outside_boris(s: Session) -> int:
    """A conversation Boris (agent in the Support email inbox only) may not see."""
    params = {"status": "all"}
    seen = s.boris.get(f"{A1}/conversations", params=params).json()["data"]["payload"]
    visible = {c["id"] for c in seen}
    return next(i for i in s.conversation_ids() if i not in visible)


@probe("PATCH", CONVERSATION)
def _conversation_update(s: Session) -> None:
    s.send("PATCH", f"{A1}/conversations/1", json={"priority": "high"})


@probe("POST", CONVERSATION + "/toggle_status")
def _toggle_status(s: Session) -> None:
    path = f"{A1}/conversations/2/toggle_status"
    until = int(time.time()) + 3600
    s.send("POST", path, json={"status": "snoozed", "snoozed_until": until})
    s.send("POST", path, json={"status": "pending"})
    s.send("POST", path, json={})
    s.send("POST", path, json={})


@probe("POST", CONVERSATION + "/toggle_priority")
def _toggle_priority(s: Session) -> None:
    s.send("POST", f"{A1}/conversations/2/toggle_priority", json={"priority": "urgent"})


@probe("POST", CONVERSATION + "/custom_attributes")
def _conversation_custom_attributes(s: Session) -> None:
    body = {"custom_attributes": {"order_id": "A-1", "vip": True}}
    s.send("POST", f"{A1}/conversations/2/custom_attributes", json=body)


@probe("POST", CONVERSATION + "/assignments")
def _assignments(s: Session) -> None:
    path = f"{A1}/conversations/3/assignments"
    inbox_id = s.admin.get(f"{A1}/conversations/3").json()["inbox_id"]
    members = s.admin.get(f"{A1}/inbox_members/{inbox_id}").json()["payload"]
    agent = next(m for m in members if m["role"] == "agent")
    s.send("POST", path, json={"assignee_id": agent["id"]})
    s.send("POST", path, json={"assignee_id": None})
    s.send("POST", path, json={"team_id": s.ids(f"{A1}/teams")[0]})
    s.send("POST", path, json={"team_id": None})


@probe("GET", CONVERSATION + "/labels")
def _conversation_labels(s: Session) -> None:
    s.send("GET", f"{A1}/conversations/3/labels")


@probe("POST", CONVERSATION + "/labels")
def _conversation_labels_update(s: Session) -> None:
    labels = s.ids(f"{A1}/labels", "title")[:2]
    s.send("POST", f"{A1}/conversations/3/labels", json={"labels": labels})


@probe("GET", ACCOUNT + "/inboxes")
def _inboxes(s: Session) -> None:
    s.send("GET", f"{A1}/inboxes")
    s.send("GET", f"{A1}/inboxes", client=s.anna)


@probe("GET", ACCOUNT + "/inboxes/{id}/")
def _inbox(s: Session) -> None:
    for inbox_id in s.ids(f"{A1}/inboxes"):
        s.send("GET", f"{A1}/inboxes/{inbox_id}")


@probe("GET", ACCOUNT + "/inbox_members/{inbox_id}")
def _inbox_members(s: Session) -> None:
    for inbox_id in s.ids(f"{A1}/inboxes"):
        s.send("GET", f"{A1}/inbox_members/{inbox_id}")


@probe("POST", ACCOUNT + "/inbox_members")
def _inbox_members_add(s: Session) -> None:
    s.send("POST", f"{A1}/inbox_members", json={"inbox_id": 3, "user_ids": [2]})
    s.send("POST", f"{A1}/inbox_members", json={"inbox_id": 3, "user_ids": [999]}, expect=422)
    s.send("POST", f"{A1}/inbox_members", json={"inbox_id": 999, "user_ids": [2]}, expect=404)


@probe("PATCH", ACCOUNT + "/inbox_members")
def _inbox_members_set(s: Session) -> None:
    members = [a["id"] for a in s.admin.get(f"{A1}/inbox_members/3").json()["payload"]]
    s.send("PATCH", f"{A1}/inbox_members", json={"inbox_id": 3, "user_ids": members})


@probe("DELETE", ACCOUNT + "/inbox_members")
def _inbox_members_remove(s: Session) -> None:
    s.send("DELETE", f"{A1}/inbox_members", json={"inbox_id": 3, "user_ids": [2]})


@probe("GET", CONVERSATION + "/messages")
def _messages(s: Session) -> None:
    for display_id in s.conversation_ids():
        s.send("GET", f"{A1}/conversations/{display_id}/messages")
        s.send("GET", f"{A1}/conversations/{display_id}/messages", params={"after": 0})


@probe("POST", CONVERSATION + "/messages")
def _message_create(s: Session) -> None:
    path = f"{A1}/conversations/4/messages"
    s.send("POST", path, json={"content": "Swagger reply", "echo_id": "swagger-1"})
    s.send("POST", path, json={"content": "Swagger note", "private": True})
    s.send("POST", path, json={"content": "Swagger template", "message_type": "template"})
    document = ("swagger.txt", b"checked", "text/plain")
    s.send("POST", path, files={"attachments[]": document})  # no content: null
    # CONTRACT §3.2: `attachments[]` may also be signed ids of direct uploads
    data = b"uploaded"
    digest = base64.b64encode(hashlib.md5(data).digest()).decode("ascii")
    blob = {"filename": "direct.txt", "byte_size": len(data), "checksum": digest,
            "content_type": "text/plain"}  # fmt: skip
    made = s.admin.post(f"{A1}/conversations/4/direct_uploads", json={"blob": blob}).json()
    put = httpx.put(made["direct_upload"]["url"], content=data,
                    headers=made["direct_upload"]["headers"])  # fmt: skip
    assert put.status_code == 204
    s.send("POST", path, json={"content": "Direct upload", "attachments": [made["signed_id"]]})


@probe("DELETE", CONVERSATION + "/messages/{message_id}")
def _message_destroy(s: Session) -> None:
    path = f"{A1}/conversations/4/messages"
    created = s.admin.post(path, json={"content": "To be deleted"}).json()
    s.send("DELETE", f"{path}/{created['id']}")


@probe("GET", ACCOUNT + "/teams")
def _teams(s: Session) -> None:
    s.send("GET", f"{A1}/teams")
    s.send("GET", f"{A1}/teams", client=s.boris)


@probe("GET", ACCOUNT + "/teams/{team_id}")
def _team(s: Session) -> None:
    for team_id in s.ids(f"{A1}/teams"):
        s.send("GET", f"{A1}/teams/{team_id}")


@probe("GET", ACCOUNT + "/teams/{team_id}/team_members")
def _team_members(s: Session) -> None:
    for team_id in s.ids(f"{A1}/teams"):
        s.send("GET", f"{A1}/teams/{team_id}/team_members")


@probe("GET", "/api/v2/accounts/{account_id}/summary_reports/agent")
def _agent_summary(s: Session) -> None:
    path = "/api/v2/accounts/1/summary_reports/agent"
    now = int(time.time())
    s.send("GET", path, params={"since": now - 30 * 86400, "until": now + 60})
    s.send("GET", path)


# ---- running ------------------------------------------------------------------------------
def run_probes(url: str) -> Report:
    report = Report()
    session = Session(url, report)
    try:
        for endpoint, fn in PROBES.items():
            session.endpoint = endpoint
            fn(session)
    finally:
        session.close()
    return report


@pytest.fixture(scope="module")
def report() -> Iterator[Report]:
    """All probes, once, against one fresh demo server."""
    server = DemoServerThread(DemoConfig(port=0, control=True))
    url = server.start()
    try:
        yield run_probes(url)
    finally:
        server.stop()


def test_swagger_copy_is_the_contract_file() -> None:
    digest = hashlib.sha256(SWAGGER_BYTES).hexdigest()
    assert digest.startswith(SWAGGER_SHA256[0]) and digest.endswith(SWAGGER_SHA256[1])
    assert SWAGGER["openapi"] == "3.0.4" and len(SWAGGER["paths"]) == 68


@pytest.mark.parametrize("endpoint", list(PROBES))
def test_operation_conforms(report: Report, endpoint: str) -> None:
    assert report.responses.get(endpoint), f"the probe of {endpoint} sent nothing"
    problems = report.problems.get(endpoint, [])
    shown = "\n  ".join(problems[:40]) + ("\n  …" if len(problems) > 40 else "")
    assert not problems, f"{len(problems)} problem(s):\n  {shown}"


def test_every_exception_still_applies(report: Report) -> None:
    """Each schema location and each (operation, path) of each exception matched an error;
    one that matched nothing is stale (the server or the probes changed): remove it."""
    stale = [
        f"{exception.source}: {part}"
        for index, exception in enumerate(EXCEPTIONS)
        for part in (*exception.schemas, *exception.where)
        if (index, part) not in report.used
    ]
    assert not stale, "unused swagger exception parts:\n  " + "\n  ".join(stale)


def _resolve(pointer: str) -> Any:
    target: Any = SWAGGER
    for token in pointer.removeprefix("#/").split("/"):
        key = token.replace("~1", "/").replace("~0", "~")
        target = target[int(key)] if isinstance(target, list) else target[key]
    return target


def test_exceptions_name_real_operations_and_schema_locations() -> None:
    known = set(operations())
    for exception in EXCEPTIONS:
        assert exception.differs and exception.source, exception
        assert exception.where and exception.schemas, exception
        for endpoint, path in exception.where:
            assert endpoint in known and path.startswith("$"), (endpoint, path)
        for location in exception.schemas:
            parent, keyword = location.rsplit("/", 1)
            if keyword == "status":
                assert isinstance(_resolve(parent), dict) and parent.endswith("/responses")
            else:
                assert keyword in _resolve(parent), location


def test_the_validator_reports_errors_and_honours_nullable() -> None:
    """The harness itself: a wrong type is an error, `nullable: true` admits null, an
    undocumented status is reported, `$ref`s are followed."""
    request = httpx.Request("GET", "http://demo/api/v1/profile")

    def findings(status: int, body: Any) -> list[Finding]:
        return validate_response(
            "GET /api/v1/profile", httpx.Response(status, json=body, request=request)
        )

    assert findings(200, {"id": 7, "display_name": None, "accounts": []}) == []
    (wrong,) = findings(200, {"id": "7", "accounts": [{"id": 1, "role": "owner"}, {}]})[:1]
    assert (wrong.instance, wrong.schema) == (
        "$.id",
        "#/components/schemas/user/properties/id/type",
    )
    nested = findings(200, {"accounts": [{"id": 1}, {"role": "owner"}]})
    assert [(f.instance, f.schema.rsplit("/", 2)[-2:]) for f in nested] == [
        ("$.accounts[1].role", ["role", "enum"])
    ]
    (status,) = findings(500, {"error": "boom"})
    assert status.schema.endswith("/get/responses/status") and "HTTP 500" in status.message


# ---- coverage of the swagger paths --------------------------------------------------------
def routed_operations() -> set[str]:
    """The swagger operations the demo's router answers (Rails ignores a trailing slash)."""

    async def resolve() -> set[str]:
        app = DemoServer(DemoConfig()).app
        found: set[str] = set()
        for endpoint in operations():
            method, template = endpoint.split(" ", 1)
            path = re.sub(r"\{[^}]+\}", "1", template).rstrip("/")
            match = await app.router.resolve(make_mocked_request(method, path, app=app))
            if match.http_exception is None:
                found.add(endpoint)
        return found

    return asyncio.run(resolve())


def test_unimplemented_operations_report() -> None:
    """Every routed swagger operation has a probe; the rest are listed for the release note."""
    routed = routed_operations()
    assert set(PROBES) == routed, {
        "routed without a probe": sorted(routed - set(PROBES)),
        "probed but not routed": sorted(set(PROBES) - routed),
    }
    missing = [e for e in operations() if e not in routed]
    print(f"\n{len(missing)} of {len(operations())} swagger operations are not in the demo:")
    for endpoint in missing:
        print(f"  {endpoint}")
