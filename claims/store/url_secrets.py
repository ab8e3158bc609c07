"""Database URLs as they may appear in a message: every secret in them replaced by ***.

Works on the raw text, not on SQLAlchemy's parse, so a URL it cannot parse (a port "badport")
is masked too. Plain string scanning: linear, and no pattern to run over what the user typed.
"""

from __future__ import annotations

from urllib.parse import unquote_plus

MASK = "***"
# A query parameter whose name holds one of these carries a secret: password, pass, passwd, pwd,
# sslpassword, secret, token, access_token, api_key, apikey, auth... Masking a harmless one
# (sslkey is a file name) costs a little detail; missing a real one leaks it.
_SECRET_NAME_PARTS = ("pass", "pwd", "secret", "token", "key", "auth", "credential", "signature")


def _is_secret_name(name: str) -> bool:
    lowered = unquote_plus(name).lower()
    return any(part in lowered for part in _SECRET_NAME_PARTS)


def _password_span(rest: str) -> tuple[int, int] | None:
    """Where the password stands in what follows "scheme://", or None.

    As SQLAlchemy reads it: a user name without ":" or "/", then ":", then the password up to "@".
    A password with a raw "@" or "/" in it is covered whole: up to the last "@" before the host."""
    index = next((i for i, char in enumerate(rest) if char in ":/"), None)
    if index is None or rest[index] == "/":
        return None
    first_at = rest.find("@", index + 1)
    if first_at < 0:
        return None
    host_end = rest.find("/", first_at)
    last_at = rest.rfind("@", first_at, host_end if host_end >= 0 else len(rest))
    return index + 1, last_at


def _split(url: str) -> tuple[str, str, tuple[int, int] | None, int]:
    """(scheme://, the rest, the password's span in the rest, where the query starts in the rest)."""
    scheme_end = url.find("://")
    if scheme_end < 0:
        head, rest = "", url
    else:
        head, rest = url[: scheme_end + 3], url[scheme_end + 3 :]
    span = _password_span(rest) if head else None
    query = rest.find("?", span[1] if span else 0)
    return head, rest, span, query


def mask_url(url: str) -> str:
    """The URL with its password and every secret query parameter shown as ***."""
    head, rest, span, query = _split(url)
    if query >= 0:
        params = []
        for param in rest[query + 1 :].split("&"):
            name, equals, _value = param.partition("=")
            params.append(f"{name}={MASK}" if equals and _is_secret_name(name) else param)
        rest = rest[: query + 1] + "&".join(params)
    if span:
        rest = rest[: span[0]] + MASK + rest[span[1] :]
    return head + rest


def url_secrets(url: str) -> list[str]:
    """The secret values in the URL, as written and decoded, longest first: a driver's message
    may quote any of them."""
    head, rest, span, query = _split(url)
    found = [rest[span[0] : span[1]]] if span else []
    if query >= 0:
        for param in rest[query + 1 :].split("&"):
            name, equals, value = param.partition("=")
            if equals and _is_secret_name(name):
                found.append(value)
    variants = {variant for secret in found for variant in (secret, unquote_plus(secret)) if variant}
    return sorted(variants, key=len, reverse=True)


def hide_secrets(message: str, url: str) -> str:
    """A message about `url` with each of its secrets replaced by ***."""
    for secret in url_secrets(url):
        message = message.replace(secret, MASK)
    return message
