"""Import problems, reported all at once as `file:row: column: message`."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class ImportProblem:
    """One thing wrong with the input; row is the number a spreadsheet shows (header = 1)."""

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.row is None else f"{self.file}:{self.row}"
        return f"{where}: {self.column}: {self.message}" if self.column else f"{where}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {"file": self.file, "row": self.row, "column": self.column, "message": self.message,
                "text": str(self)}


class ImportRejected(Exception):
    """The input has problems; nothing was written."""

    def __init__(self, problems: list[ImportProblem]):
        self.path = None  # the dataset's folder, when one of several (graph.importer.import_paths) was refused
        self.problems = sorted(problems, key=lambda p: (p.file, p.row or 0, p.column or "", p.message))
        super().__init__(f"{len(self.problems)} problem(s) in the import; nothing was written:\n"
                         + "\n".join(str(problem) for problem in self.problems))
