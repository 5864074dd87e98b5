"""The standing attack suite: each test is an attack on the real server, a real git tree or a
real command, written as an attacker would send it (see the README's threat model)."""
