FROM node:20-alpine
# ruleid: dockerfile.secret-in-env
ENV NPM_TOKEN=npm_4f9c2a71d0b8e6
# ruleid: dockerfile.secret-in-env
ENV DB_PASSWORD hunter2hunter2
# ruleid: dockerfile.secret-in-env
ARG GITHUB_TOKEN=ghp_example_value
# ok: dockerfile.secret-in-env
ARG GITHUB_TOKEN
# ok: dockerfile.secret-in-env
ENV DB_PASSWORD_FILE=/run/secrets/db_password
# ok: dockerfile.secret-in-env
ENV API_KEY=${API_KEY}
# ok: dockerfile.secret-in-env
ENV NODE_ENV=production
