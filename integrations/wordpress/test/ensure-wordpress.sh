#!/usr/bin/env bash
# The WordPress plugin's tests run it on a real WordPress: Debian's wordpress package, php-cli and
# MariaDB (a throwaway server the test starts). Install them when we may (root with apt-get);
# otherwise say what to install. Services are not started here: the test runs its own.
set -euo pipefail
have() { [ -f /usr/share/wordpress/wp-settings.php ] && command -v php >/dev/null 2>&1 && php -m | grep -qx mysqli && command -v mariadbd >/dev/null 2>&1; }
if have; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "WordPress, php-cli or MariaDB is missing: installing Debian's packages..." >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wordpress php-cli php-mysql mariadb-server >/dev/null
  have && exit 0
fi
cat >&2 <<'MSG'
The WordPress plugin's tests need Debian's wordpress, php-cli, php-mysql and mariadb-server.
  Debian/Ubuntu:  sudo apt-get install -y --no-install-recommends wordpress php-cli php-mysql mariadb-server
MSG
exit 1
