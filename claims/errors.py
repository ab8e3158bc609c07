"""One family of errors a user can cause; the CLI turns each into one line and an exit code."""


class ClaimsError(Exception):
    """Base of every error that is the input's or the environment's fault, not ours."""

    exit_code = 2


class InputError(ClaimsError):
    """A file, a URL or an option that cannot be used: the message names it and says why."""


class StoreError(ClaimsError):
    """The database cannot be opened or written (read-only, full disk, unreachable)."""
