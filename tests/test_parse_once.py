"""Parse once (issue 17): ingest never runs the dependency parser; the event coder runs it once,
on the candidate sentences only. Behaviour, not timing: what is parsed is watched."""

from __future__ import annotations

from typing import Any

import pytest

from nonaligned.text import events
from nonaligned.text.actors import default_recognizer

TEXT = (
    "President Ilham Aliyev of Azerbaijan met Vladimir Putin in Moscow on Monday. "
    "The weather in the capital was mild and the streets were quiet. "
    "Azerbaijan and Russia signed a declaration on allied interaction.\n\n"
    "Markets were closed for the holiday."
)


def test_ingest_annotation_does_not_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    rec = default_recognizer()
    docs: list[Any] = []
    real = rec._parse

    def watched(paragraphs: list[tuple[int, str]]) -> Any:
        for d in real(paragraphs):
            docs.append(d)
            yield d

    monkeypatch.setattr(rec, "_parse", watched)
    sentences, mentions = rec.annotate(TEXT)
    assert len(docs) == 2  # two paragraphs
    for d in docs:
        assert not d.has_annotation("DEP"), "ingest ran the dependency parser"
        assert d.has_annotation("SENT_START") and d.has_annotation("TAG")
    assert sentences[0][2].startswith("President Ilham Aliyev")
    assert len(sentences) == 4
    assert {m.code for m in mentions} >= {"AZE", "RUS"}


def test_the_coder_parses_only_candidate_sentences_once(monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: list[str] = []
    real = events._parse

    def watched(nlp: Any, texts: list[str]) -> Any:
        parsed.extend(texts)
        out = real(nlp, texts)
        assert all(d.has_annotation("DEP") for d in out)
        return out

    monkeypatch.setattr(events, "_parse", watched)
    doc, nlp = events.annotated(TEXT)
    assert parsed == []  # annotating parsed nothing
    found = events.code_document(doc, nlp)
    assert found, "the meeting and the declaration are events"
    # each parsed text is one candidate sentence, parsed once; a sentence without a trigger
    # or without an actor is never parsed
    assert parsed and len(parsed) == len(set(parsed))
    assert all(t in {s for _, _, s in doc.sentences} for t in parsed)
    assert not any("weather" in t or "Markets" in t for t in parsed)


def test_ner_reads_only_the_paragraphs_the_dictionary_leaves_names_in(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rec = default_recognizer()
    nlp = rec.nlp
    read: list[str] = []
    real_get = nlp.get_pipe

    class Watched:
        def __init__(self, pipe: Any) -> None:
            self.pipe_ = pipe

        def pipe(self, docs: Any, **kw: Any) -> Any:
            docs = list(docs)
            read.extend(d.text for d in docs)
            return self.pipe_.pipe(docs, **kw)

    def get_pipe(name: str) -> Any:
        return Watched(real_get(name)) if name == "ner" else real_get(name)

    monkeypatch.setattr(nlp, "get_pipe", get_pipe)
    text = (
        "Azerbaijan and Russia signed a declaration in Moscow.\n\n"
        "The U.S. Central Command said nothing, and Maria Zakharova spoke."
    )
    _, mentions = rec.annotate(text)
    assert read == ["The U.S. Central Command said nothing, and Maria Zakharova spoke."]
    by_text = {m.text: m for m in mentions}
    assert by_text["Maria Zakharova"].origin == "model"  # the model still finds new names
    assert by_text["Azerbaijan"].origin == "dictionary"
