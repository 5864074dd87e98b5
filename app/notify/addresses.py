"""Where notifications may go: public addresses, and what the server's allow-list adds.

A target's URL comes from an installation member or from a repository's ``.github/vibe.yml``
(anyone who can push), so the worker must not become their way into the server's own network:
loopback, private, shared (CGNAT), link-local (cloud metadata at 169.254.169.254), multicast,
unspecified and reserved addresses are refused, in IPv6 and in every IPv6 form that carries an
IPv4 address (``::ffff:127.0.0.1``, NAT64, 6to4). ``VIBE_NOTIFY_ALLOWED_HOSTS`` lists what an
administrator lets through anyway (an on-premises Jenkins): host names, whatever they resolve
to, and addresses or networks (CIDR), whatever name reached them.

Pure: the addresses are decided here, the network edge (:mod:`app.notify.egress`) asks.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Iterable
from dataclasses import dataclass

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
SETTING = "VIBE_NOTIFY_ALLOWED_HOSTS"


def _net(text: str) -> Network:
    return ipaddress.ip_network(text)


# First match wins; the kind is what a member reads in the delivery log.
_REFUSED: tuple[tuple[Network, str], ...] = (
    (_net("0.0.0.0/8"), "unspecified"),
    (_net("127.0.0.0/8"), "loopback"),
    (_net("10.0.0.0/8"), "private"),
    (_net("172.16.0.0/12"), "private"),
    (_net("192.168.0.0/16"), "private"),
    (_net("100.64.0.0/10"), "shared (CGNAT)"),
    (_net("169.254.0.0/16"), "link-local"),
    (_net("192.0.0.0/24"), "reserved"),  # IETF protocol assignments
    (_net("198.18.0.0/15"), "reserved"),  # benchmarking, used as internal space
    (_net("224.0.0.0/4"), "multicast"),
    (_net("240.0.0.0/4"), "reserved"),  # and the broadcast address
    (_net("::/128"), "unspecified"),
    (_net("::1/128"), "loopback"),
    (_net("fc00::/7"), "private"),  # unique local
    (_net("fe80::/10"), "link-local"),
    (_net("fec0::/10"), "site-local"),
    (_net("ff00::/8"), "multicast"),
    (_net("64:ff9b:1::/48"), "private"),  # local-use NAT64
    (_net("100::/64"), "reserved"),  # discard-only
)
_NAT64 = _net("64:ff9b::/96")
_IPV4_COMPATIBLE = _net("::/96")  # deprecated ``::a.b.c.d``
# Legacy numeric IPv4 forms (``0x7f.1``, ``2130706433``) that the C library still accepts.
_NUMERIC_IPV4 = re.compile(r"^(0x[0-9a-f]*|[0-9]+)(\.(0x[0-9a-f]*|[0-9]+)){0,3}$", re.IGNORECASE)
_HOST_NAME = re.compile(
    r"^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$"
)


def embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address stands for (mapped, NAT64, 6to4, compatible)."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in _NAT64 or address in _IPV4_COMPATIBLE:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def refusal_of(address: Address) -> str | None:
    """The kind of internal address ``address`` is (``"loopback"``...), None when public."""
    for network, kind in _REFUSED:
        if address.version == network.version and address in network:
            return kind
    if isinstance(address, ipaddress.IPv6Address):
        inner = embedded_ipv4(address)
        if inner is not None:
            return refusal_of(inner)
    return None


def parse_address(text: str) -> Address | None:
    """``text`` as an IP address (brackets, an IPv6 zone, numeric IPv4 forms), or None."""
    bare = text.strip("[]").split("%", 1)[0]
    try:
        return ipaddress.ip_address(bare)
    except ValueError:
        pass
    if _NUMERIC_IPV4.match(bare):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(bare))
        except OSError:
            return None
    return None


def _article(kind: str) -> str:
    return "an" if kind[0] in "aeiou" else "a"


def _normal_host(host: str) -> str:
    return host.strip().rstrip(".").lower()


def _entry_error(entry: str) -> ValueError:
    return ValueError(
        f"{SETTING}: {entry!r} is neither a host name nor an IP address or network; list host "
        "names and CIDRs separated by commas, e.g. jenkins.corp.example,10.20.0.0/16"
    )


@dataclass(frozen=True)
class EgressPolicy:
    """What notifications may reach beyond public addresses (nothing by default)."""

    hosts: frozenset[str] = frozenset()
    networks: tuple[Network, ...] = ()

    @classmethod
    def parse(cls, entries: Iterable[str]) -> EgressPolicy:
        """The policy of ``VIBE_NOTIFY_ALLOWED_HOSTS``' entries; ValueError naming a bad one."""
        hosts: set[str] = set()
        networks: list[Network] = []
        for raw in entries:
            entry = _normal_host(raw)
            if not entry:
                continue
            if "/" in entry:
                try:
                    networks.append(ipaddress.ip_network(entry, strict=False))
                except ValueError:
                    raise _entry_error(raw) from None
                continue
            address = parse_address(entry)
            if address is not None:
                networks.append(ipaddress.ip_network(address))
            elif _HOST_NAME.match(entry):
                hosts.add(entry)
            else:
                raise _entry_error(raw)
        return cls(frozenset(hosts), tuple(networks))

    def allows_host(self, host: str) -> bool:
        return _normal_host(host) in self.hosts

    def _listed(self, address: Address) -> bool:
        inner = embedded_ipv4(address) if isinstance(address, ipaddress.IPv6Address) else None
        return any(
            candidate.version == network.version and candidate in network
            for candidate in (address, inner)
            if candidate is not None
            for network in self.networks
        )

    def refusal(self, host: str, address: str) -> str | None:
        """Why ``host`` may not be reached at ``address`` (an IP), in words; None when it may.

        The words never show which internal address a name resolves to: members read them."""
        if self.allows_host(host):
            return None
        ip = parse_address(address)
        if ip is None:
            return f"{host} resolves to something that is not an IP address"
        if self._listed(ip):
            return None
        kind = refusal_of(ip)
        if kind is None:
            return None
        if parse_address(host) is not None:
            return f"{host.strip('[]')} is {_article(kind)} {kind} address"
        return f"{host} resolves to {_article(kind)} {kind} address"
