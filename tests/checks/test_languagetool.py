"""LanguageTool: a configured server replaces Harper; an unreachable one falls back to Harper."""

from __future__ import annotations

import json
import logging
import socket
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

import checks
from checks.adapters import personal_words
from checks.adapters.languagetool import LanguageToolClient, utf16_end
from checks.families.grammar import Grammar

LANGUAGES = [{"name": "English (GB)", "code": "en", "longCode": "en-GB"}]


def utf16_offset(text, index):
    return len(text[:index].encode("utf-16-le")) // 2


def answer(text):
    """What a LanguageTool server says: matches for 'a apple' in UTF-16 offsets, as Java counts."""
    matches = []
    start = text.find("a apple")
    while start >= 0:
        offset = utf16_offset(text, start)
        matches.append(
            {
                "message": "Use \u201can\u201d instead of \u201ca\u201d.",
                "shortMessage": "Wrong article",
                "replacements": [{"value": "an apple"}],
                "offset": offset,
                "length": utf16_offset(text, start + 7) - offset,
                "context": {"text": text[:40], "offset": offset, "length": 7},
                "sentence": text,
                "rule": {
                    "id": "EN_A_VS_AN",
                    "description": "a/an",
                    "issueType": "misspelling",
                    "category": {"id": "MISC", "name": "Miscellaneous"},
                },
            }
        )
        start = text.find("a apple", start + 1)
    return {"software": {"name": "LanguageTool", "version": "6.4"}, "matches": matches}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path.startswith("/v2/languages"):
            self.reply(LANGUAGES)
        else:
            self.send_error(404)

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        form = urllib.parse.parse_qs(self.rfile.read(length).decode())
        self.server.requests.append(form)
        if self.path.startswith("/v2/check"):
            self.reply(answer(form["text"][0]))
        else:
            self.send_error(404)

    def reply(self, body):
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.requests = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch, tmp_path):
    """Any connection that is not to this machine fails the test."""
    monkeypatch.setenv(personal_words.ENV_VAR, str(tmp_path / "words.txt"))
    real_connect, real_getaddrinfo = socket.socket.connect, socket.getaddrinfo

    def connect(self, address):
        if isinstance(address, tuple) and address[0] not in ("127.0.0.1", "::1", "localhost"):
            raise AssertionError(f"network access attempted: {address}")
        return real_connect(self, address)

    def getaddrinfo(host, *args, **kwargs):
        if host not in ("127.0.0.1", "::1", "localhost"):
            raise AssertionError(f"name lookup attempted: {host}")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket, "gethostbyname", lambda host: pytest.fail(f"lookup {host}"))


def policy_with(tmp_path, url):
    admin = tmp_path / "central.toml"
    admin.write_text(
        f'[grammar]\nlanguagetool_url = "{url}"\nlanguagetool_timeout = 2\n', encoding="utf-8"
    )
    return checks.load_policy(admin)


def grammar(policy, text):
    return [f for f in checks.check(text, policy=policy).findings if f.rule == "grammar"]


def test_languagetool_matches_become_findings(server, tmp_path):
    policy = policy_with(tmp_path, f"http://127.0.0.1:{server.server_port}")
    text = "We bought a apple for the the team."
    found = grammar(policy, text)
    assert [(f.check, f.text, f.suggestions) for f in found] == [
        ("grammar.languagetool.EN_A_VS_AN", "a apple", ("an apple",))
    ]  # LanguageTool replaces Harper: no RepeatedWords from Harper
    form = server.requests[-1]
    assert form["language"] == ["en-GB"]
    assert form["disabledCategories"] == ["TYPOS"]  # spelling is enchant's job


@pytest.mark.parametrize(
    "text",
    [
        "\U0001f600 We bought a apple.",
        "Caf\u00e9 \u00a35 \U0001f44d\U0001f3fd\U0001f389 a apple and a apple",
        "\U0001f600\n\nTwo \U0001f389 a apple",
    ],
)
def test_languagetool_utf16_offsets_become_string_indices(server, tmp_path, text):
    policy = policy_with(tmp_path, f"http://127.0.0.1:{server.server_port}")
    found = grammar(policy, text)
    assert found
    assert all(f.text == "a apple" == text[f.start : f.end] for f in found)


def test_utf16_end_counts_astral_characters_as_two():
    text = "a\U0001f600b"
    assert utf16_end(text, 0, 4) == 3
    assert utf16_end(text, 1, 2) == 2
    assert utf16_end(text, 0, 99) == 3


def test_unreachable_languagetool_falls_back_to_harper(tmp_path, caplog):
    with socket.socket() as probe:  # a port that nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    policy = policy_with(tmp_path, f"http://127.0.0.1:{port}")
    checker = next(c for c in policy.checkers if isinstance(c, Grammar))
    with caplog.at_level(logging.WARNING):
        first = grammar(policy, "We bought a apple.")
        second = grammar(policy, "We bought a apple.")
    assert [f.check for f in first] == ["grammar.harper.AnA"]
    assert first == second
    assert "cannot be reached" in checker.status()
    assert "Harper" in checker.status()
    assert len([r for r in caplog.records if "LanguageTool" in r.getMessage()]) == 1


def test_a_server_that_is_not_languagetool_falls_back(server, tmp_path):
    client = LanguageToolClient(f"http://127.0.0.1:{server.server_port}/nothing-here/")
    assert client.check("We bought a apple.") is None
    assert "cannot be reached" in client.problem


def test_nothing_is_sent_until_the_first_check(server, tmp_path):
    policy_with(tmp_path, f"http://127.0.0.1:{server.server_port}")
    LanguageToolClient(f"http://127.0.0.1:{server.server_port}")
    assert server.requests == []
