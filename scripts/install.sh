#!/usr/bin/env bash
# Installs govreport on an office server (Debian 12 with systemd), or removes it again.
#
#   scripts/install.sh                 build release binaries and install them with the systemd units
#   scripts/install.sh --uninstall     remove what install put there; keeps the config, the database and the inbox
#   scripts/install.sh --no-build      install binaries already built by `swift build -c release`
#   scripts/install.sh --from DIR      install the binaries in DIR (for example a debug build), building nothing
#
# Environment:
#   PREFIX      where binaries, completions and the man page go (default /usr/local)
#   SYSCONFDIR  where the govreport/ configuration folder goes (default /etc)
#   DESTDIR     staging root for packaging or tests (default empty: the real system)
#
# Running it again changes nothing that is already in place, and never overwrites a configuration file
# that was edited: the new default is put beside it as govreportd.conf.new.
set -euo pipefail
cd "$(dirname "$0")/.."

PREFIX=${PREFIX:-/usr/local}
DESTDIR=${DESTDIR:-}
mode=install
build=yes
from=
while (($#)); do
    arg=$1
    shift
    case $arg in
        --from) from=${1:?--from needs a directory}; shift; build=no ;;
        --uninstall) mode=uninstall ;;
        --no-build) build=no ;;
        -h | --help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "install.sh: unknown option $arg (try --help)" >&2; exit 64 ;;
    esac
done

bindir=$PREFIX/bin
unitdir=$PREFIX/lib/systemd/system
sysusersdir=$PREFIX/lib/sysusers.d
tmpfilesdir=$PREFIX/lib/tmpfiles.d
mandir=$PREFIX/share/man/man1
docdir=$PREFIX/share/doc/govreport
bashdir=$PREFIX/share/bash-completion/completions
zshdir=$PREFIX/share/zsh/site-functions
fishdir=$PREFIX/share/fish/vendor_completions.d
confdir=${SYSCONFDIR:-/etc}/govreport

installed_files=(
    "$bindir/govreportd" "$bindir/govreportctl"
    "$unitdir/govreportd.service"
    "$sysusersdir/govreport.conf" "$tmpfilesdir/govreport.conf"
    "$bashdir/govreportctl" "$zshdir/_govreportctl" "$fishdir/govreportctl.fish"
    "$docdir/README.md"
)

if [[ $mode == uninstall ]]; then
    for file in "${installed_files[@]}"; do rm -f "$DESTDIR$file"; done
    rm -f "$DESTDIR$mandir"/govreportctl*.1 "$DESTDIR$mandir"/govreportd*.1
    rmdir "$DESTDIR$docdir" 2>/dev/null || true
    echo "govreport removed. Kept: $confdir (configuration), /var/lib/govreport (database), /var/spool/govreport (inbox)."
    echo "If it was running:  systemctl disable --now govreportd && systemctl daemon-reload"
    exit 0
fi

manuals=.build/plugins/GenerateManual/outputs
if [[ $build == yes ]]; then
    swift build -c release --product govreportd
    swift build -c release --product govreportctl
    # Man pages generated from the command definitions (swift-argument-parser's GenerateManual plugin).
    swift package plugin generate-manual --multi-page >/dev/null
fi
release=${from:-$(swift build -c release --show-bin-path)}
for binary in govreportd govreportctl; do
    [[ -x $release/$binary ]] || { echo "install.sh: $release/$binary is missing; build first" >&2; exit 1; }
done

# install -C leaves a file alone when the content is already the same (so a second run changes nothing).
put() { install -C -D -m "$1" "$2" "$DESTDIR$3"; }

put 0755 "$release/govreportd" "$bindir/govreportd"
put 0755 "$release/govreportctl" "$bindir/govreportctl"

staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
sed "s|/usr/local/bin/|$bindir/|g; s|/usr/local/share/doc/govreport/|$docdir/|g; s|/etc/govreport/|$confdir/|g" \
    systemd/govreportd.service \
    >"$staging/govreportd.service"
put 0644 "$staging/govreportd.service" "$unitdir/govreportd.service"
put 0644 systemd/govreport.sysusers.conf "$sysusersdir/govreport.conf"
put 0644 systemd/govreport.tmpfiles.conf "$tmpfilesdir/govreport.conf"
put 0644 README.md "$docdir/README.md"

"$release/govreportctl" --generate-completion-script bash >"$staging/bash"
"$release/govreportctl" --generate-completion-script zsh >"$staging/zsh"
"$release/govreportctl" --generate-completion-script fish >"$staging/fish"
put 0644 "$staging/bash" "$bashdir/govreportctl"
put 0644 "$staging/zsh" "$zshdir/_govreportctl"
put 0644 "$staging/fish" "$fishdir/govreportctl.fish"
for page in "$manuals"/govreportctl/*.1 "$manuals"/govreportd/*.1; do
    [[ -e $page ]] && put 0644 "$page" "$mandir/$(basename "$page")"
done

# The configuration: installed once; an edited one is never overwritten.
config=$DESTDIR$confdir/govreportd.conf
if [[ ! -e $config ]]; then
    install -D -m 0644 etc/govreport/govreportd.conf "$config"
elif ! cmp -s etc/govreport/govreportd.conf "$config"; then
    install -C -m 0644 etc/govreport/govreportd.conf "$config.new"
    echo "Kept your edited $confdir/govreportd.conf; the new default is beside it as govreportd.conf.new."
fi

cat <<NEXT
govreport installed under ${DESTDIR:-}$PREFIX. Next, as root:
    systemd-sysusers && systemd-tmpfiles --create
    systemctl daemon-reload && systemctl enable --now govreportd
    usermod -aG govreport-drop,govreport-admin YOUR-USER     # drop files, run govreportctl
    govreportctl status
Logs: journalctl -u govreportd
NEXT
