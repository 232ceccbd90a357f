"""A bad policy file is refused with its file, line and key; never a traceback (issue 15)."""

from __future__ import annotations

import tomllib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import checks
from checks.policy_schema import ARRAYS, SCHEMA, message_problem, pattern_problem

RULE = '[[rules]]\nid = "jargon.extra"\nkind = "existence"\nclause_line = 163\n'


def write(tmp_path, text, name="admin.toml"):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("settings = 5\n", 1, "[settings] must be a table of settings, not the number 5"),
        ("[settings]\ndisabled = 5\n", 2, "disabled must be a list of texts"),
        ("[settings]\ndisabled = [1, 2]\n", 2, "a list holding non-texts"),
        ("[councils]\nnames = 502\n", 2, "names must be a list of texts"),
        ('[settings]\ndisabeld = ["jargon"]\n', 2, "did you mean 'disabled'?"),
        ('\n\n[grammar]\ndialect = "british"\nharper_thread = 2\n', 5, "'harper_threads'"),
        ('[[tenders]]\ntitle = "Roads"\nbiders = ["A"]\n', 3, "did you mean 'bidders'?"),
        (RULE + 'message = "m {"\nterms = ["x"]\n', 2, "not a valid template"),
        (RULE + 'message = "{0}"\nterms = ["x"]\n', 2, "only names such as {match}"),
        (RULE + 'message = "{match:>99999999999}"\nterms = ["x"]\n', 2, "is not allowed"),
        (RULE + 'message = "{match.__class__}"\nterms = ["x"]\n', 2, "only names"),
        (RULE + 'message = "m"\npatterns = ["(?<=a)b"]\n', 2, "cannot run on RE2"),
        ('\n[team]\nurl = "postgresql://sam:secret@db/star"\n', 3, "must not hold a password"),
        ('[team]\nurl = "postgresql:///star?password=x"\n', 2, "must not hold a password"),
        ('[team]\nurl = "https://db/star"\n', 2, "must be a PostgreSQL address"),
        (RULE + 'message = "m"\nterms = ["x"]\n' + RULE + 'message = "n"\nterms = ["y"]\n', 8,
         "defined twice in this file"),
    ],
)  # fmt: skip
def test_a_bad_file_is_refused_with_its_line_and_reason(tmp_path, text, line, reason):
    path = write(tmp_path, text)
    with pytest.raises(checks.PolicyError) as error:
        checks.load_policy(path)
    assert f"{path}:{line}:" in str(error.value)
    assert reason in str(error.value)


def test_a_type_error_names_the_administrators_file_not_the_shipped_one(tmp_path):
    path = write(tmp_path, '[plain_english]\nmax_sentence_words = "twenty"\n')
    with pytest.raises(checks.PolicyError, match=r"admin\.toml:2: \[plain_english\]"):
        checks.load_policy(path)


def test_a_byte_order_mark_from_notepad_is_accepted(tmp_path):
    path = tmp_path / "admin.toml"
    path.write_bytes(b'\xef\xbb\xbf[settings]\ndisabled = ["political"]\n')
    report = checks.check("Vote Labour on Thursday!", policy=checks.load_policy(path))
    assert not report.findings


def test_a_rule_with_a_good_message_and_pattern_loads_and_checks(tmp_path):
    path = write(
        tmp_path, RULE + 'message = "Plain: {match}"\npatterns = ["(?:\\\\s+\\\\w+){0,3}!"]\n'
    )
    checks.check("Great news for all three!", policy=checks.load_policy(path))


@pytest.mark.parametrize(
    "pattern", ["(?<=a)b", "a(?!b)", "(a)\\1", "(?>a+)b", "a*+b", "(?=(a+)+)b"]
)
def test_patterns_re2_cannot_run_are_refused(pattern):
    assert "cannot run on RE2" in pattern_problem(pattern)


@pytest.mark.parametrize(
    "pattern",
    ["\\bvote\\s+\\w+", "(?:\\s+\\w+){0,3}!", "(a|b)+c", "x{2,5}", "(\\w+\\s?)+!$", "(a+)+b"],
)
def test_ordinary_patterns_and_nested_repeats_pass(pattern):
    assert pattern_problem(pattern) is None  # RE2 runs a repeat of a repeat in linear time


@pytest.mark.parametrize("message", ["Try '{suggestion}' rather than '{match}'.", "{{literal}}"])
def test_ordinary_messages_pass(message):
    assert message_problem(message) is None


# Generated policy files: any mix of known and unknown sections, keys and value types.

_VALUES = st.recursive(
    st.none().map(lambda _: "x")
    | st.integers(-5, 10**12)
    | st.booleans()
    | st.text(alphabet="ab{}:>0.\\()+*?[]$^|", max_size=12)
    | st.dates(),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text("abc", min_size=1, max_size=3), inner, max_size=3)
    ),
    max_leaves=6,
)
_KEYS = st.sampled_from(
    sorted({k for keys in SCHEMA.values() if keys for k in keys})
    + sorted({k for keys in ARRAYS.values() for k in keys})
    + ["disabeld", "nonsense", "message", "patterns", "terms", "id", "kind"]
)
_SECTIONS = st.sampled_from([*SCHEMA, *ARRAYS, "flavours"])


def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {_toml_value(v)}" for k, v in value.items()) + "}"
    return value.isoformat()


@st.composite
def policy_files(draw) -> str:
    lines = []
    for section in draw(st.lists(_SECTIONS, max_size=3, unique=True)):
        header = f"[[{section}]]" if section in ARRAYS and draw(st.booleans()) else f"[{section}]"
        lines.append(header)
        for key in draw(st.lists(_KEYS, max_size=3, unique=True)):
            lines.append(f"{key} = {_toml_value(draw(_VALUES))}")
    if draw(st.booleans()):
        message = draw(st.text(alphabet="ab{}:>0.!", max_size=10)) or "m"
        pattern = draw(st.text(alphabet="ab\\w+*?()|{}0-9,", min_size=1, max_size=10))
        # and what RE2 refuses: lookarounds, backreferences, atomic and possessive
        pattern += draw(st.sampled_from(["", "", "(?<=a)", "(?!b)", "(a)\\1", "(?>a)", "a++"]))
        lines += ["[[rules]]", 'id = "jargon.fuzz"', 'kind = "existence"', "clause_line = 163",
                  f"message = {_toml_value(message)}", f"patterns = [{_toml_value(pattern)}]"]  # fmt: skip
    return "\n".join(lines) + "\n"


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(policy_files())
def test_a_generated_policy_file_loads_or_is_refused_and_never_crashes_a_check(tmp_path, text):
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return  # our generator wrote invalid TOML: covered by the file tests
    path = write(tmp_path, text)
    try:
        policy = checks.load_policy(path)
    except checks.PolicyError:
        return
    checks.check("Great news from Rochdale! Call 0161 496 0123 about the tender.", policy=policy)
