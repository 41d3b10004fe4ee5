"""The cyclic garbage collector held off while a loop makes many acyclic objects (decoded records, unpickled
blocks, table rows): each full collection it set off there walked every live object and found no garbage."""
from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic collection inside the block (reference counting still frees); the collector's state is restored
    after, so a caller that turned it off keeps it off. Cycles made inside are collected later, as usual."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
