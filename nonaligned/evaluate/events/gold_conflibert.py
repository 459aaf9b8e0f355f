"""Reading the ConfliBERT CAMEO gold set (5-way class files and BIO actor-span files, aligned)."""

from __future__ import annotations

from pathlib import Path

from ...errors import NonalignedError
from .common import NER_TAGS, PENTA_CLASSES, ConflibertSentence
from .gold_plover import _read_text


def _lines(path: Path) -> list[str]:
    r"""The file's lines without their ends (\n or \r\n); not ``str.splitlines``, which would
    also split inside a sentence at characters such as U+2028 or form feed."""
    return [line.removesuffix("\r") for line in _read_text(path).split("\n")]


def _read_class_file(path: Path) -> list[tuple[int, str, int]]:
    """(line number, sentence, label) per non-blank line of a ``cameo_class`` TSV."""
    out: list[tuple[int, str, int]] = []
    for number, line in enumerate(_lines(path), start=1):
        if not line.strip():
            continue
        if "\t" not in line:
            raise NonalignedError(f"{path} line {number}: expected 'sentence<TAB>label'")
        sentence, label = line.rsplit("\t", 1)
        label = label.strip()
        if label not in {str(k) for k in PENTA_CLASSES}:
            raise NonalignedError(
                f"{path} line {number}: label must be 0-4 (PentaClass), found {label!r}"
            )
        if not sentence.strip():
            raise NonalignedError(f"{path} line {number}: empty sentence")
        out.append((number, sentence, int(label)))
    return out


def _read_ner_file(path: Path) -> list[tuple[int, list[str], list[str]]]:
    """(first line number, tokens, tags) per blank-line-separated sentence of a CoNLL file."""
    out: list[tuple[int, list[str], list[str]]] = []
    tokens: list[str] = []
    tags: list[str] = []
    first = 0
    for number, line in enumerate(_lines(path), start=1):
        parts = line.split()
        if not parts or parts[0] == "-DOCSTART-":
            if tokens:
                out.append((first, tokens, tags))
                tokens, tags = [], []
            continue
        if len(parts) < 2:
            raise NonalignedError(f"{path} line {number}: expected 'token TAG'")
        tag = parts[-1]
        if tag not in NER_TAGS:
            raise NonalignedError(
                f"{path} line {number}: unknown tag {tag!r} (expected {', '.join(sorted(NER_TAGS))})"
            )
        if not tokens:
            first = number
        tokens.append(parts[0])
        tags.append(tag)
    if tokens:
        out.append((first, tokens, tags))
    return out


def _align(class_path: Path, ner_path: Path) -> list[ConflibertSentence]:
    """The two files' sentences zipped, after checking that they really are the same sentences."""
    classes = _read_class_file(class_path)
    ners = _read_ner_file(ner_path)
    if len(classes) != len(ners):
        raise NonalignedError(
            f"{class_path} has {len(classes)} sentences and {ner_path} has {len(ners)}: "
            "the two files must be aligned sentence by sentence"
        )
    out: list[ConflibertSentence] = []
    for (cline, sentence, label), (nline, tokens, tags) in zip(classes, ners, strict=True):
        offsets: list[tuple[int, int]] = []
        cursor = 0
        for token in tokens:
            at = sentence.find(token, cursor)
            if at < 0 or sentence[cursor:at].strip():
                raise NonalignedError(
                    f"{class_path} line {cline} and {ner_path} line {nline}: misaligned, the "
                    f"token {token!r} is not the next word of the sentence"
                )
            offsets.append((at, at + len(token)))
            cursor = at + len(token)
        if sentence[cursor:].strip():
            raise NonalignedError(
                f"{class_path} line {cline} and {ner_path} line {nline}: misaligned, the sentence "
                f"goes on after the last token ({sentence[cursor:].strip()[:30]!r})"
            )
        out.append(
            ConflibertSentence(
                sentence,
                label,
                tuple(tokens),
                tuple(tags),
                tuple(offsets),
                f"{class_path.name} line {cline} / {ner_path.name} line {nline}",
            )
        )
    return out


def _conflibert_pairs(path: Path) -> list[tuple[Path, Path]]:
    """(class file, ner file) pairs: from ``cameo_class/`` and ``cameo_ner/`` sub-folders paired
    by file stem, from one ``*.tsv`` and one ``*.txt`` in the folder itself, or, for a ``.tsv``
    path, the same-stem ``.txt`` beside it or in ``../cameo_ner/``."""
    if path.is_file():
        candidates = [
            path.with_suffix(".txt"),
            path.parent.parent / "cameo_ner" / f"{path.stem}.txt",
        ]
        for ner in candidates:
            if ner.is_file():
                return [(path, ner)]
        raise NonalignedError(
            f"{path}: no CoNLL file to pair it with (looked for {', '.join(map(str, candidates))})"
        )
    if not path.is_dir():
        raise NonalignedError(f"gold folder not found: {path}")
    class_dir, ner_dir = path / "cameo_class", path / "cameo_ner"
    if class_dir.is_dir() or ner_dir.is_dir():
        if not (class_dir.is_dir() and ner_dir.is_dir()):
            missing = ner_dir if class_dir.is_dir() else class_dir
            raise NonalignedError(f"{missing}: missing (ConfliBERT needs both folders)")
        tsv = {p.stem: p for p in class_dir.glob("*.tsv")}
        txt = {p.stem: p for p in ner_dir.glob("*.txt")}
        stems = sorted(set(tsv) & set(txt))
        if not stems:
            raise NonalignedError(
                f"{path}: no file in cameo_class/*.tsv has a same-named cameo_ner/*.txt"
            )
        return [(tsv[s], txt[s]) for s in stems]
    tsvs, txts = sorted(path.glob("*.tsv")), sorted(path.glob("*.txt"))
    if len(tsvs) == 1 and len(txts) == 1:
        return [(tsvs[0], txts[0])]
    same = sorted({p.stem for p in tsvs} & {p.stem for p in txts})
    if same:
        return [(path / f"{s}.tsv", path / f"{s}.txt") for s in same]
    raise NonalignedError(
        f"{path}: expected cameo_class/ and cameo_ner/ folders, or a .tsv and a .txt file"
    )


def read_conflibert(path: str | Path) -> list[ConflibertSentence]:
    """The ConfliBERT CAMEO sentences at ``path`` with their class and actor tags.

    Malformed or misaligned gold is a NonalignedError naming the file(s) and line.
    """
    return [s for c, n in _conflibert_pairs(Path(path)) for s in _align(c, n)]
