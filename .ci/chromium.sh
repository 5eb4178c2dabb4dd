#!/usr/bin/env bash
# Installs Debian's chromium for the portal's end-to-end test (examples/portal) when it is not
# there yet. Never fails the build: without chromium the test skips itself with a message.
set -u
if [ -x /usr/bin/chromium ]; then
	echo "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo present)"
	exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
	if command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else
		echo "chromium: not installed and not root; the portal end-to-end test will be skipped"
		exit 0
	fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
	echo "chromium: no apt-get on this machine; the portal end-to-end test will be skipped"
	exit 0
fi
export DEBIAN_FRONTEND=noninteractive
# Bounded, so that a slow mirror cannot push .ci/run past its time budget: the test then skips.
T="timeout ${CHROMIUM_INSTALL_TIMEOUT:-480}"
if command -v timeout >/dev/null 2>&1; then :; else T=""; fi
if $T $SUDO apt-get update -qq >/tmp/chromium-apt.log 2>&1 &&
	$T $SUDO apt-get install -y -qq chromium >>/tmp/chromium-apt.log 2>&1 &&
	[ -x /usr/bin/chromium ]; then
	echo "chromium: installed $(/usr/bin/chromium --version 2>/dev/null)"
else
	echo "chromium: installation failed (see /tmp/chromium-apt.log); the portal end-to-end test will be skipped"
	tail -n 5 /tmp/chromium-apt.log 2>/dev/null || true
fi
exit 0
