"""OSV files into parsed records, in worker processes when there are many.

Inflating and decoding JSON are most of an import's cost and SQLite takes only one writer, so a
full import reads and decodes in a process pool while the parent writes. Results come back in
input order, which keeps "the later copy of a record in one import wins" true."""

from __future__ import annotations

import json
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import chain, islice

from .allocation import collector_paused
from .records import AdvisoryRow, AffectedRow, ParsedRecord, RecordError, parse_record
from .sources import Archives, RecordFile, UnreadableRecord, UnreadableSource

_CHUNK = 500
# A small import is over before a pool has started.
_POOL_THRESHOLD = 4 * _CHUNK
# Inside a pool worker only: the archives it has opened, kept until the pool shuts down.
_WORKER_ARCHIVES: Archives = {}


@dataclass(frozen=True, slots=True)
class BadRecord:
    origin: str
    reason: str


def decode(source: RecordFile, archives: Archives) -> list[ParsedRecord | BadRecord]:
    """One file: a record, or a JSON array of records (as OSV's query API returns them)."""
    try:
        document = json.loads(source.read(archives))
    except UnreadableRecord as exc:
        return [BadRecord(source.origin, str(exc))]
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return [BadRecord(source.origin, f"not valid JSON ({exc})")]
    if not isinstance(document, list):
        return [_parse(document, source.origin)]
    return [_parse(item, f"{source.origin}[{index}]") for index, item in enumerate(document)]


def _parse(document: object, origin: str) -> ParsedRecord | BadRecord:
    try:
        return parse_record(document)
    except RecordError as exc:
        return BadRecord(origin, str(exc))


def _decode_chunk(chunk: list[RecordFile], archives: Archives) -> list[ParsedRecord | BadRecord]:
    with collector_paused():
        return [result for source in chunk for result in decode(source, archives)]


# What a worker sends back: a record's rows as plain tuples, or a bad record.
_Shipped = tuple[AdvisoryRow, list[AffectedRow]] | BadRecord


def _decode_in_worker(chunk: list[RecordFile]) -> list[_Shipped]:
    return [
        (item.advisory, item.affected) if isinstance(item, ParsedRecord) else item
        for item in _decode_chunk(chunk, _WORKER_ARCHIVES)
    ]


def _chunks(
    sources: Iterable[RecordFile | UnreadableSource],
) -> Iterator[list[RecordFile] | BadRecord]:
    chunk: list[RecordFile] = []
    for source in sources:
        if isinstance(source, UnreadableSource):
            yield BadRecord(source.origin, source.reason)
            continue
        chunk.append(source)
        if len(chunk) >= _CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def decode_all(
    sources: Iterable[RecordFile | UnreadableSource], *, workers: int | None = None
) -> Iterator[ParsedRecord | BadRecord]:
    """Parsed records and bad ones, in the order of ``sources``. ``workers`` 0 or 1 decodes in
    this process; None uses one per core."""
    chunks = _chunks(sources)
    head = list(islice(chunks, _POOL_THRESHOLD // _CHUNK))
    workers = (os.cpu_count() or 1) if workers is None else workers
    if workers <= 1 or len(head) < _POOL_THRESHOLD // _CHUNK:
        archives: Archives = {}
        try:
            for item in chain(head, chunks):
                yield from [item] if isinstance(item, BadRecord) else _decode_chunk(item, archives)
        finally:
            for archive in archives.values():
                archive.close()
        return
    # fork: the workers need nothing but this module, and spawn would re-import the app.
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        pending: deque[Future[list[_Shipped]] | BadRecord] = deque()
        for item in chain(head, chunks):
            if isinstance(item, BadRecord):
                pending.append(item)
            else:
                pending.append(pool.submit(_decode_in_worker, item))
            while len(pending) > 2 * workers:
                yield from _ready(pending.popleft())
        while pending:
            yield from _ready(pending.popleft())


def _ready(item: Future[list[_Shipped]] | BadRecord) -> list[ParsedRecord | BadRecord]:
    if isinstance(item, BadRecord):
        return [item]
    return [
        shipped if isinstance(shipped, BadRecord) else ParsedRecord(*shipped)
        for shipped in item.result()
    ]
