#!/usr/bin/env bash
# build-deb.sh — builds target/costmon_<version>_all.deb from target/costmon.jar.
#
#   ./mvnw -B package -DskipTests && packaging/build-deb.sh
#
# Plain dpkg-deb (no debhelper, no source package): the jar is already built by Maven,
# so the package is only a file layout plus maintainer scripts, all in packaging/.
# Environment: VERSION (default: pom.xml's), DEB_MAINTAINER, DEB_HOMEPAGE,
# CONFIG_EXAMPLE (default: config.example.yaml at the top of the repo),
# SOURCE_DATE_EPOCH (default: last commit time, for reproducible file times).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
jar=$repo/target/costmon.jar
config=${CONFIG_EXAMPLE:-$repo/config.example.yaml}
die() { echo "build-deb: $*" >&2; exit 1; }

[ -f "$jar" ] || die "$jar missing: run ./mvnw -B package -DskipTests first"
# Generated from the command line's model by the build (dev.costmon.cli.GeneratedDocs).
man=$repo/target/man/costmon.1
bash_completion=$repo/target/completion/costmon.bash
zsh_completion=$repo/target/completion/_costmon
for f in "$man" "$bash_completion" "$zsh_completion"; do
  [ -f "$f" ] || die "$f missing: run ./mvnw -B package -DskipTests first (without -Dmaven.test.skip)"
done
[ -f "$config" ] || die "$config missing (installed as /etc/costmon/config.yaml)"
command -v dpkg-deb >/dev/null || die "dpkg-deb missing (apt-get install dpkg)"

# The project's own <version> is the first one indented by two spaces in pom.xml.
version=${VERSION:-$(sed -n 's|^  <version>\([^<]*\)</version>.*|\1|p' "$repo/pom.xml" | head -1)}
[ -n "$version" ] || die "no <version> in pom.xml"
version=${version/-SNAPSHOT/~SNAPSHOT}   # sorts before the release, as Debian expects
maintainer=${DEB_MAINTAINER:-costmon maintainers <costmon@example.org>}
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git -C "$repo" log -1 --format=%ct 2>/dev/null || date +%s)}

stage=$repo/target/deb/costmon
out=$repo/target/costmon_${version}_all.deb
rm -rf "$stage"
mkdir -p "$stage/DEBIAN"

inst() { # inst MODE SRC DEST: copy with an explicit mode, whatever the checkout's umask
  install -D -m "$1" "$2" "$stage/$3"
}
inst 0755 "$here/costmon" usr/bin/costmon
inst 0644 "$jar" usr/share/costmon/costmon.jar
inst 0755 "$here/prepare-startup" usr/share/costmon/prepare-startup
inst 0640 "$config" etc/costmon/config.yaml          # group costmon is set in postinst
inst 0600 "$here/credentials.env" etc/costmon/credentials.env
inst 0755 "$here/notify" etc/costmon/notify
for unit in "$repo"/systemd/*.service "$repo"/systemd/*.timer; do
  inst 0644 "$unit" "lib/systemd/system/$(basename "$unit")"
done

doc=usr/share/doc/costmon
inst 0644 "$here/debian/copyright" "$doc/copyright"
[ -f "$repo/README.md" ] && inst 0644 "$repo/README.md" "$doc/README.md"
for f in prometheus/costs.yml prometheus/costs_test.yml grafana/costs-dashboard.json node_exporter.md; do
  inst 0644 "$repo/examples/$f" "$doc/examples/$f"
done
# Native package (no Debian revision): its changelog is changelog.gz.
changelog_date=$(date -u -R -d "@$SOURCE_DATE_EPOCH")
printf 'costmon (%s) unstable; urgency=medium\n\n  * Built from the costmon repository; see its history for changes.\n\n -- %s  %s\n' \
  "$version" "$maintainer" "$changelog_date" | gzip -9n >"$stage/$doc/changelog.gz"
chmod 0644 "$stage/$doc/changelog.gz"
inst 0644 "$here/debian/lintian-overrides" usr/share/lintian/overrides/costmon
mkdir -p "$stage/usr/share/man/man1"
gzip -9n <"$man" >"$stage/usr/share/man/man1/costmon.1.gz"
chmod 0644 "$stage/usr/share/man/man1/costmon.1.gz"
inst 0644 "$bash_completion" usr/share/bash-completion/completions/costmon
inst 0644 "$zsh_completion" usr/share/zsh/vendor-completions/_costmon

for f in conffiles triggers; do install -m 0644 "$here/debian/$f" "$stage/DEBIAN/$f"; done
for f in postinst prerm postrm; do install -m 0755 "$here/debian/$f" "$stage/DEBIAN/$f"; done
installed_size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
sed -e "s|@VERSION@|$version|" -e "s|@MAINTAINER@|$maintainer|" \
    -e "s|@INSTALLED_SIZE@|$installed_size|" "$here/debian/control" >"$stage/DEBIAN/control"
if [ -n "${DEB_HOMEPAGE:-}" ]; then
  sed -i "s|@HOMEPAGE@|$DEB_HOMEPAGE|" "$stage/DEBIAN/control"
else
  sed -i '/^Homepage: @HOMEPAGE@$/d' "$stage/DEBIAN/control"
fi
(cd "$stage" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | LC_ALL=C sort -z \
  | xargs -0 md5sum >DEBIAN/md5sums)
chmod 0644 "$stage/DEBIAN/md5sums"

# --root-owner-group: every file root:root without fakeroot; postinst sets group costmon.
dpkg-deb --root-owner-group -Zxz --build "$stage" "$out" >/dev/null
echo "$out"
