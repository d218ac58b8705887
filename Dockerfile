# mailbox-ingest in a container: Debian slim, tesseract with Dutch, the package, a non-root user.
# Build: docker build -t mailbox-ingest .   Run with PostgreSQL: see deploy/compose.yaml and
# docs/operator-guide.md. The config is mounted at /etc/mailbox-ingest/config.toml; secrets
# come from the environment (the variables the config names); state lives in the volume
# /var/lib/mailbox-ingest.
FROM python:3.11-slim-bookworm

ENV PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    OMP_THREAD_LIMIT=1

RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        tesseract-ocr tesseract-ocr-nld poppler-utils fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --create-home --home-dir /var/lib/mailbox-ingest \
        --shell /usr/sbin/nologin mailbox-ingest

WORKDIR /opt/mailbox-ingest
COPY pyproject.toml README.md ./
COPY mailbox_ingest ./mailbox_ingest
COPY parsers ./parsers
COPY store ./store
COPY migrations ./migrations
COPY docs ./docs
RUN pip install . && rm -rf build *.egg-info

USER mailbox-ingest
WORKDIR /var/lib/mailbox-ingest
VOLUME ["/var/lib/mailbox-ingest"]
ENV MAILBOX_INGEST_CONFIG=/etc/mailbox-ingest/config.toml
EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=5s --start-period=60s \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]

# The schema is upgraded first; a failed upgrade stops the container instead of running.
CMD ["sh", "-c", "mailbox-ingest db upgrade && exec mailbox-ingest run"]
