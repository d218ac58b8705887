#!/usr/bin/env bash
# Install what the test suite needs on a fresh Debian 12 machine; run as root.
# Idempotent: packages already present are not touched, so a prepared machine spends no time.
# The Python virtualenv is created by the Makefile, not here.
set -euo pipefail

PACKAGES=(dovecot-imapd tesseract-ocr tesseract-ocr-nld poppler-utils chromium fonts-dejavu-core
          libreoffice-writer-nogui hyphen-nl fonts-liberation2
          systemd)  # systemd-analyze verifies the unit file in tests/test_deploy.py
MAIL_USER=vmail

if [ "$(id -u)" -ne 0 ]; then
    echo "install.sh: must run as root" >&2
    exit 1
fi

missing=()
for package in "${PACKAGES[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
    if [ "$status" != "install ok installed" ]; then
        missing+=("$package")
    fi
done
if [ "${#missing[@]}" -gt 0 ]; then
    echo "install.sh: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q "${missing[@]}"
else
    echo "install.sh: all packages present"
fi

if ! id -u "$MAIL_USER" >/dev/null 2>&1; then
    echo "install.sh: creating system user $MAIL_USER"
    useradd --system --no-create-home --shell /usr/sbin/nologin "$MAIL_USER"
fi

if pg_isready -q -h 127.0.0.1 2>/dev/null; then
    echo "install.sh: PostgreSQL answers on 127.0.0.1"
elif [ -d /etc/postgresql ] && command -v pg_ctlcluster >/dev/null 2>&1; then
    for version in $(ls /etc/postgresql); do
        echo "install.sh: starting PostgreSQL $version/main"
        pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    done
    for _ in $(seq 1 30); do
        pg_isready -q -h 127.0.0.1 && break
        sleep 0.5
    done
    pg_isready -h 127.0.0.1
else
    echo "install.sh: no PostgreSQL cluster on this machine; the tests start a throwaway one" >&2
fi
