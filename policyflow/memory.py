"""Python's cyclic garbage collector: paused where much is allocated, kept off what a flow run has loaded."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block without cyclic garbage collection, which resumes (and catches up) after it."""
    # The collector runs after every 700 net allocations, and each pass of the oldest generation walks
    # the whole heap: reading fonts and laying out a document allocate millions of objects and trigger
    # hundreds of passes that find next to nothing (publishing the demo spent 0.59 s of 4 s CPU in
    # them; 0.35 s with this). Reference counting still frees what is not in a cycle meanwhile.
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def freeze_loaded() -> None:
    """Exempt every object alive now from later collections: a flow-run process lives for one gate."""
    # Each gate resumes in a new process that first loads Prefect, SQLAlchemy, the table classes and
    # the templates: a million long-lived objects that every full collection, and the final one at
    # exit, would walk again. Anything cyclic among them that is garbage stays until exit, a few KB.
    gc.freeze()
