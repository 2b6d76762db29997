"""Named errors. The CLI turns each into one line on stderr and exit code 1."""

__all__ = ["KGError", "RuleError", "InputError", "GraphNotFound", "QueryError", "ExportError", "internal_error"]


class KGError(Exception):
    """Base class of every error kg reports to a user."""


class RuleError(KGError):
    """A rule or word-list file in the package is malformed."""


class InputError(KGError):
    """An article cannot be read (missing, empty, binary or undecodable)."""


class GraphNotFound(KGError):
    """The graph file or store to open does not exist."""


class QueryError(KGError):
    """A SPARQL query is malformed, refused, or names an unknown library query."""


class ExportError(KGError):
    """An export format or destination is not usable."""


def internal_error(path, exc: BaseException) -> str:
    """One line for an article kg failed on through a fault of its own (not the article's)."""
    return (f"{path}: kg failed on this article ({type(exc).__name__}: {str(exc)[:100]}); "
            "it was skipped and the others were read; please report it with the article")
