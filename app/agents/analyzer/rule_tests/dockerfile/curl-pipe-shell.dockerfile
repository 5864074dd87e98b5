FROM debian:12-slim
# ruleid: dockerfile.curl-pipe-shell
RUN curl -fsSL https://get.example.com/install.sh | bash
# ruleid: dockerfile.curl-pipe-shell
RUN wget -qO- https://example.com/setup | sudo sh -
# ok: dockerfile.curl-pipe-shell
RUN curl -fsSLo /tmp/install.sh https://example.com/install-1.4.2.sh && sha256sum -c /tmp/install.sha256 && sh /tmp/install.sh
# ok: dockerfile.curl-pipe-shell
RUN curl -fsSL https://example.com/data.json | jq .version
