"""Whether a docstring only restates its symbol's name (``Check.`` on ``check``): such a
docstring adds nothing, and on an override it hides the base class's documentation from
``help()`` and editors, so the docs agent never writes one."""

from __future__ import annotations

import re

# Words that carry no information in a one-line summary.
_STOP_TEXT = """
    a an the this that these those it its is are be been being was were do does
    of to in on at by for from with as into onto and or not no
    return returns returned get gets set sets whether if
    self cls value values object instance method function property
"""
_STOP_WORDS: frozenset[str] = frozenset(_STOP_TEXT.split())
_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")


def words_of(text: str) -> list[str]:
    """Lower-case words of ``text``, snake_case, camelCase and dotted names split apart."""
    return [_stem(word.lower()) for word in _WORD.findall(text)]


def _stem(word: str) -> str:
    """Plural and third-person ``s`` dropped, so ``templates`` matches ``template``."""
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def content_words(text: str) -> frozenset[str]:
    return frozenset(word for word in words_of(text) if word not in _STOP_WORDS)


def restates_name(qualname: str, docstring: str) -> bool:
    """Whether every content word of ``docstring`` is already a word of the symbol's name (its
    last part, or its class's name): a docstring with no content word at all restates it too."""
    parts = qualname.split(".")
    name_words = content_words(parts[-1]) | (content_words(parts[-2]) if len(parts) > 1 else set())
    return content_words(docstring) <= name_words
