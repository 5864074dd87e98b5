FROM python:3.12-slim AS first
RUN pip install flask
# ruleid: dockerfile.missing-user
CMD ["flask", "run"]

FROM python:3.12-slim AS second
RUN useradd --uid 10001 app
USER 10001
# ok: dockerfile.missing-user
ENTRYPOINT ["python", "-m", "app"]
