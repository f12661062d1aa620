"""Messages logged while a page is built, kept to be logged again: by the main process for a
page a worker built (parallel_pages.py), or by a later build that reuses the page's
rendering (rendered_pages.py). Either way `--strict` counts them as if the page were built
there and then."""

from __future__ import annotations

import logging
from collections.abc import Iterable

#: The engines that run a build (MkDocs and its fork ProperDocs): their loggers carry a page's messages.
ENGINES = ("mkdocs", "properdocs")
#: A message: logger name, level, text.
Record = tuple[str, int, str]


class Capture(logging.Handler):
    """Keeps what reaches the loggers it is added to (`attach`), in order."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[Record] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))

    def attach(self, *names: str, alone: bool = False) -> None:
        """Listen to these loggers; `alone`: instead of their handlers (a worker prints nothing)."""
        for name in names:
            logger = logging.getLogger(name)
            if alone:
                logger.handlers = [self]
                logger.propagate = False
            elif self not in logger.handlers:
                logger.addHandler(self)

    def detach(self, *names: str) -> None:
        for name in names:
            logging.getLogger(name).removeHandler(self)


def replay(records: Iterable[Record]) -> None:
    """Log the messages again, each to its own logger."""
    for name, level, message in records:
        logging.getLogger(name).log(level, message)
