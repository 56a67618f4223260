"""The back office's home: what needs doing, whatever the app.

Each app registers, in its `admin.py` (`@backoffice.register`), a function
that returns its pending tasks for a user of the back office, so that this
module knows no app above rabat. A function returns nothing the user may not
see or act on, and costs a fixed number of queries.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class PendingTask:
    """One thing to do: "3 open reports", a link to where it is done."""

    label: str | Promise
    url: str
    # How many things to do (shown before the label); None: one, not counted.
    count: int | None = None
    # What it is about (a meeting's title...), shown under the label.
    detail: str = ""
    # Sorts the list: the lower, the higher (urgent work first).
    order: int = 50


TaskSource = Callable[[object], Iterable[PendingTask]]
_sources: list[TaskSource] = []


def register(source: TaskSource) -> TaskSource:
    """Adds `source` to the home's list; usable as a decorator."""
    if source not in _sources:
        _sources.append(source)
    return source


def pending_tasks(user) -> list[PendingTask]:
    """Every registered app's tasks for `user`, the urgent first; a task with
    nothing left to do (a count of 0) is left out."""
    tasks = [task for source in _sources for task in source(user) if task.count != 0]
    return sorted(tasks, key=lambda task: task.order)
