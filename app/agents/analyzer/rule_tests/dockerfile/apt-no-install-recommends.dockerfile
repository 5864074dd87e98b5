FROM debian:12-slim
# ruleid: dockerfile.apt-no-install-recommends
RUN apt-get update && apt-get install -y curl
# ok: dockerfile.apt-no-install-recommends
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
