"""The client's address, for the audit trail and the lock-out (django-axes), also behind a
reverse proxy.

``X-Forwarded-For`` is written by whoever sends the request, so it is believed only when the
immediate peer (``REMOTE_ADDR``) is one of ``TRUSTED_PROXIES``. Then the header is read from
the right: each trusted proxy appended the address it received from; the right-most address
that is not a trusted proxy is the client. Anything left of it is the client's own claim and
is ignored. With ``TRUSTED_PROXIES`` empty (the default) the address is ``REMOTE_ADDR``.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


@lru_cache(maxsize=8)
def parse_networks(values: tuple[str, ...]) -> tuple[Network, ...]:
    """``10.0.0.1``, ``10.0.0.0/8`` or ``::1`` -> networks; a bad value names the setting."""
    networks = []
    for value in values:
        try:
            networks.append(ipaddress.ip_network(value.strip(), strict=False))
        except ValueError as exc:
            raise ImproperlyConfigured(
                f"TRUSTED_PROXIES: {value!r} is geen IP-adres of netwerk (CIDR)"
            ) from exc
    return tuple(networks)


def _address(text: str) -> Address | None:
    try:
        address = ipaddress.ip_address(text.strip())
    except ValueError:
        return None
    mapped = getattr(address, "ipv4_mapped", None)  # ::ffff:10.0.0.1 is 10.0.0.1
    return mapped or address


def _trusted(address: Address | None, networks: Iterable[Network]) -> bool:
    return address is not None and any(address in network for network in networks)


def client_address(request) -> str:
    """The address the request came from, as far as this server can know it."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    networks = parse_networks(tuple(getattr(settings, "TRUSTED_PROXIES", ())))
    nearest = _address(remote)
    if not networks or not _trusted(nearest, networks):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop for hop in forwarded.split(",") if hop.strip()]
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:  # not an address: no proxy of ours wrote that; stop here
            break
        nearest = address
        if not _trusted(address, networks):
            return str(address)
    return str(nearest)
