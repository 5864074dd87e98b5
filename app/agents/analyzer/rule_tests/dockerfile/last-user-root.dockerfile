FROM python:3.12-slim AS build
# ok: dockerfile.last-user-root
USER root
RUN pip wheel --wheel-dir /wheels requests
FROM python:3.12-slim
RUN useradd --uid 10001 app
USER app
COPY --from=build /wheels /wheels
# ruleid: dockerfile.last-user-root
USER root
CMD ["python", "-m", "app"]
