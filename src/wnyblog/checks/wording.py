"""Safe messaging: how the blog writes about suicide and self-harm.

A post that mentions suicide or self-harm carries the crisis-resources block,
and wording the safe-messaging guidelines ask writers to avoid is flagged
with what to say instead.
"""

import re

from ..posts.schema import PostMeta, Problem
from .body import line_matches

_SELF_HARM = re.compile(
    r"\bsuicid\w*|\bself[- ]?harm\w*|\bself[- ]injur\w*"
    r"|\bkill(?:ing|ed)?\s+(?:my|your|him|her|them)sel(?:f|ves)\b",
    re.I,
)
CRISIS_DIRECTIVE = "crisis-resources"
_CRISIS_BLOCK = re.compile(r"^\s*(?:`{3,}|:{3,})\s*\{" + CRISIS_DIRECTIVE + r"\}", re.M)

# Wording the safe-messaging guidelines ask writers to avoid, with what to say instead.
STIGMATISING = [
    (r"\bcommit(?:ted|s|ting)?\s+suicide\b", "say “died by suicide” (or “die by suicide”)"),
    (r"\b(?:successful|completed)\s+(?:suicide(?:\s+attempt)?|attempt)\b", "say “died by suicide”"),
    (
        r"\b(?:failed|unsuccessful)\s+(?:suicide\s+)?attempt\b",
        "say “suicide attempt” or “survived a suicide attempt”",
    ),
    (
        r"\bsuicide\s+(?:epidemic|contagion\s+wave)\b",
        "say “rising suicide rates” and give the facts",
    ),
    (r"\bsuicide\s+victim\b", "say “person who died by suicide”"),
    (r"\b(?:a\s+)?cry\s+for\s+help\b", "say “a sign that someone needs support”"),
]
_STIGMATISING = [(re.compile(pattern, re.I), fix) for pattern, fix in STIGMATISING]


def check(meta: PostMeta, path: str) -> list[Problem]:
    text = meta.body
    problems = [
        Problem(
            path,
            number,
            f"“{match.group(0)}” goes against safe-messaging guidelines",
            fix + " — see WRITING.md, “Writing about suicide”",
        )
        for number, match, fix in line_matches(meta, _STIGMATISING)
    ]
    mention = _SELF_HARM.search(text)
    if mention and not _CRISIS_BLOCK.search(text):
        line = meta.body_line + text[: mention.start()].count("\n")
        problems.append(
            Problem(
                path,
                line,
                "the post mentions suicide or self-harm but has no crisis-resources block",
                f"add the lines ```{{{CRISIS_DIRECTIVE}}} and ``` near the top of the post",
            )
        )
    return problems
