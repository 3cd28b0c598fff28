#!/bin/sh
# deps.sh PACKAGE... - install the Debian packages that are missing, in one
# round.  As root it runs apt-get itself; otherwise through sudo when sudo
# needs no password; otherwise it prints one command that installs them all
# (with su when there is no sudo) and exits 1 without claiming to install.
# A machine without dpkg is left to its owner (exit 0 with a note).
set -u
if ! command -v dpkg-query > /dev/null 2>&1; then
    echo "deps: not a Debian system; install yourself: $*" >&2
    exit 0
fi
missing=""
for p in "$@"; do
    case " $missing " in *" $p "*) continue ;; esac
    st=$(dpkg-query -W -f '${db:Status-Status}' "$p" 2> /dev/null)
    [ "$st" = installed ] || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
cmd="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y$missing"
# What this script runs itself: the same, quiet but for errors.
quiet="apt-get -qq update && DEBIAN_FRONTEND=noninteractive apt-get -qq -o Dpkg::Use-Pty=0 install -y$missing > /dev/null"
if [ "$(id -u)" = 0 ]; then
    echo "deps: installing$missing"
    sh -c "$quiet" || { echo "deps: apt-get failed; run as root: $cmd" >&2; exit 1; }
elif command -v sudo > /dev/null 2>&1 && sudo -n true 2> /dev/null; then
    echo "deps: installing$missing (sudo)"
    sudo sh -c "$quiet" || { echo "deps: apt-get failed; run: sudo sh -c '$cmd'" >&2; exit 1; }
else
    echo "deps: missing Debian packages:$missing" >&2
    if command -v sudo > /dev/null 2>&1; then
        echo "deps: install them, then run make again:" >&2
        echo "  sudo sh -c '$cmd'" >&2
    else
        echo "deps: install them as root, then run make again:" >&2
        echo "  su -c '$cmd'" >&2
    fi
    exit 1
fi
