FROM alpine:3.20
# ruleid: dockerfile.add-from-url
ADD https://example.com/tool.tar.gz /tmp/
# ruleid: dockerfile.add-from-url
ADD --chown=app:app http://example.com/config.json /etc/app/
# ok: dockerfile.add-from-url
ADD --checksum=sha256:24454f830cdd571e2c4ad15481119c43b3cafd48dd869a9b2015d0549ba4c7ad https://example.com/tool.tar.gz /tmp/
# ok: dockerfile.add-from-url
ADD vendor.tar.gz /opt/
