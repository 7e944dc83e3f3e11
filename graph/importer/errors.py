"""Import problems, reported all at once as `file:row: column: message`.

A file can hold a problem on every one of a million rows, and each problem would be kept, sorted, printed
and sent back as JSON: the report keeps the first MAX_PROBLEMS_SHOWN problems (in report order: by file,
row, column) and counts all of them, so a refused import costs the same memory whatever its size.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

MAX_PROBLEMS_SHOWN = 100  # problems listed in one report; the rest are counted ("N more problems not shown")
MAX_MESSAGE_CHARS = 300  # a message quoting a cell (an id, a value) is cut to this length


@dataclass(frozen=True, order=True)
class ImportProblem:
    """One thing wrong with the input; row is the number a spreadsheet shows (header = 1)."""

    file: str
    row: int | None
    column: str | None
    message: str

    def __post_init__(self) -> None:
        # a message quotes the cell it is about, and a cell may be 131,072 characters long
        if len(self.message) > MAX_MESSAGE_CHARS:
            object.__setattr__(self, "message", self.message[: MAX_MESSAGE_CHARS - 1] + "…")
        if self.column is not None and len(self.column) > MAX_MESSAGE_CHARS:
            object.__setattr__(self, "column", self.column[: MAX_MESSAGE_CHARS - 1] + "…")

    def __str__(self) -> str:
        where = self.file if self.row is None else f"{self.file}:{self.row}"
        return f"{where}: {self.column}: {self.message}" if self.column else f"{where}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {"file": self.file, "row": self.row, "column": self.column, "message": self.message, "text": str(self)}


def report_order(problem: ImportProblem) -> tuple[str, int, str, str]:
    return problem.file, problem.row or 0, problem.column or "", problem.message


class ProblemLog:
    """Problems as they are found: every one counted (`total`, also `len()`), the first `limit` in report
    order kept (iterating gives them, sorted). Memory stays at about 2 x `limit` problems."""

    def __init__(self, problems: Iterable[ImportProblem] = (), limit: int = MAX_PROBLEMS_SHOWN):
        self.limit = limit
        self.total = 0
        self._kept: list[ImportProblem] = []
        self.extend(problems)

    def append(self, problem: ImportProblem) -> None:
        self.total += 1
        self._kept.append(problem)
        if len(self._kept) >= 2 * self.limit:
            self._trim()

    def extend(self, problems: Iterable[ImportProblem]) -> None:
        if isinstance(problems, ProblemLog):
            shown = problems.shown()
            self.total += problems.total - len(shown)  # those it counted but no longer keeps
            problems = shown
        for problem in problems:
            self.append(problem)

    def __iadd__(self, problems: Iterable[ImportProblem]) -> ProblemLog:
        self.extend(problems)
        return self

    def copy(self) -> ProblemLog:
        copied = ProblemLog(limit=self.limit)
        copied.total, copied._kept = self.total, list(self._kept)
        return copied

    def shown(self) -> list[ImportProblem]:
        """The first `limit` problems in report order."""
        self._trim()
        return list(self._kept)

    def _trim(self) -> None:
        self._kept.sort(key=report_order)
        del self._kept[self.limit :]

    def __iter__(self) -> Iterator[ImportProblem]:
        return iter(self.shown())

    def __len__(self) -> int:
        return self.total

    def __bool__(self) -> bool:
        return self.total > 0


class ImportRejected(Exception):
    """The input has problems; nothing was written. `problems`: the first MAX_PROBLEMS_SHOWN in report order;
    `total`: how many there are; `not_shown`: the difference."""

    def __init__(self, problems: Iterable[ImportProblem], total: int | None = None):
        self.path: Path | None = (
            None  # the dataset's folder, when one of several (graph.importer.import_paths) was refused
        )
        log = problems if isinstance(problems, ProblemLog) else ProblemLog(problems)
        self.problems = log.shown()
        self.total = max(log.total, total or 0)  # `total`: when `problems` is a shown list of a longer report
        super().__init__(
            f"{self.total} problem(s) in the import; nothing was written:\n"
            + "\n".join(str(problem) for problem in self.problems)
            + (f"\n{self.not_shown_line()}" if self.not_shown else "")
        )

    @property
    def not_shown(self) -> int:
        return self.total - len(self.problems)

    def not_shown_line(self) -> str:
        """What the CLI prints and the API says below the list, when it was cut."""
        return f"{self.not_shown} more problems not shown ({self.total} in all)"
