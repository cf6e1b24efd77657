"""Network safety: realpolitik fetches what a feed or a user names, so it must not become a way into
the network it runs in (server-side request forgery).

A feed item, a redirect or a DNS record can point at ``http://127.0.0.1:6379/``, a router's admin page
or a cloud metadata service at ``169.254.169.254``. :class:`GuardedTransport` therefore resolves every
host itself, refuses the whole request when any address of the host is loopback, private,
link-local, multicast, reserved or otherwise not globally routable, and then connects to the
address it checked (the URL's host becomes that address; the ``Host`` header and the TLS server name
keep the original name, so virtual hosting and certificate checks work as usual). Because the check
and the connection use the same address, a DNS answer that changes between the two (DNS rebinding)
changes nothing. Redirects are followed by :class:`~realpolitik.ingest.web.Fetcher` one hop at a time,
and every hop comes through here.

``allow_private`` lifts the rule for intranet sources; ``allowed_networks`` lifts it for named
networks only (``10.1.0.0/16``), which is the narrower choice.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import httpx

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str, int], list[IPAddress]]


class AddressRefused(Exception):
    """A host resolved to an address the policy does not allow; nothing was sent to it."""

    def __init__(self, host: str, address: IPAddress, why: str) -> None:
        super().__init__(f"{host} resolves to {address}, a {why} address")
        self.host = host
        self.address = address
        self.why = why


@dataclass(frozen=True)
class AddressPolicy:
    """Which addresses may be connected to: globally routable unicast ones, plus any allowed explicitly."""

    allow_private: bool = False
    allowed_networks: tuple[IPNetwork, ...] = ()

    @classmethod
    def build(cls, allow_private: bool = False, allowed_networks: Iterable[str] = ()) -> AddressPolicy:
        """A policy from command-line style values; ValueError names a malformed network."""
        networks = []
        for text in allowed_networks:
            try:
                networks.append(ipaddress.ip_network(text.strip(), strict=False))
            except ValueError as exc:
                raise ValueError(f"not an IP network: {text!r} (expected e.g. 10.1.0.0/16)") from exc
        return cls(allow_private, tuple(networks))

    def refusal(self, address: IPAddress) -> str | None:
        """Why the address is refused ("loopback", "private", ...), or None when it may be used."""
        if self.allow_private:
            return None
        if isinstance(address, ipaddress.IPv6Address):  # judge the IPv4 address inside, if any
            address = address.ipv4_mapped or address.sixtofour or address  # ::ffff:10.0.0.1, 2002:0a00:1::
        if any(address.version == network.version and address in network for network in self.allowed_networks):
            return None
        for why, flag in (("loopback", address.is_loopback), ("link-local", address.is_link_local),
                          ("multicast", address.is_multicast), ("unspecified", address.is_unspecified),
                          ("private", address.is_private), ("reserved", address.is_reserved)):
            if flag:
                return why
        return None if address.is_global else "non-public"


def resolve(host: str, port: int) -> list[IPAddress]:
    """All addresses of a host, in the resolver's order, without duplicates; ConnectError when none."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise httpx.ConnectError(f"cannot resolve {host}: {exc}") from exc
    addresses: list[IPAddress] = []
    for *_, sockaddr in infos:
        address = ipaddress.ip_address(str(sockaddr[0]).split("%")[0])
        if address not in addresses:
            addresses.append(address)
    return addresses


class GuardedTransport(httpx.BaseTransport):
    """An httpx transport that connects only to addresses the policy allows, pinned after the check."""

    def __init__(self, policy: AddressPolicy, resolver: Resolver = resolve) -> None:
        self.policy = policy
        self.inner = httpx.HTTPTransport(trust_env=False)
        self.resolver = resolver

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        host = request.url.host
        port = request.url.port or (443 if request.url.scheme == "https" else 80)
        addresses = self.resolver(host, port)
        for address in addresses:
            why = self.policy.refusal(address)
            if why is not None:
                raise AddressRefused(host, address, why)
        failure: httpx.TransportError = httpx.ConnectError(f"{host} has no address")
        for address in addresses:
            pinned = httpx.Request(request.method, request.url.copy_with(host=str(address)),
                                   headers=request.headers, stream=request.stream,
                                   extensions={**request.extensions, "sni_hostname": host})
            try:
                return self.inner.handle_request(pinned)
            except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
                failure = exc  # try the host's next address, as a browser would
        raise failure

    def close(self) -> None:
        self.inner.close()
