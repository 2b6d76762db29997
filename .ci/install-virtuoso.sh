#!/usr/bin/env bash
# Install Debian's Virtuoso (virtuoso-opensource 7), for tests/test_virtuoso.py and `kg push`.
# Idempotent: does nothing (no apt-get update) when virtuoso-t and isql-vt are already there.
#
# The package asks (through debconf) for the password of the server's "dba" account; it is
# answered here in advance ("dba", the server's own default), so the install never waits for a
# terminal. That password belongs to the Debian system instance only (/var/lib/virtuoso-opensource-7);
# the tests start their own server in a temporary folder with its own database. Where services
# are not started (a container's policy-rc.d), the package then says it could not set that
# password: harmless, nothing here uses the system instance. Where it did start, it is stopped
# again, so that it does not hold ports 1111 and 8890.
set -euo pipefail

if [ -x /usr/bin/virtuoso-t ] && [ -x /usr/bin/isql-vt ]; then
    echo "install-virtuoso: virtuoso-opensource is already installed"
else
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "install-virtuoso: installing virtuoso-opensource"
    $sudo debconf-set-selections <<'SEL'
virtuoso-opensource-7 virtuoso-opensource-7/dba-password password dba
virtuoso-opensource-7 virtuoso-opensource-7/dba-password-again password dba
SEL
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends virtuoso-opensource
    if [ -x /etc/init.d/virtuoso-opensource-7 ]; then
        $sudo /etc/init.d/virtuoso-opensource-7 stop >/dev/null 2>&1 || true
    fi
fi
/usr/bin/virtuoso-t -? 2>&1 | head -n 1 || true
