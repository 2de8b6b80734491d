#!/usr/bin/env bash
# The store tests run on a real PostgreSQL too. Install Debian's when we may (root with apt-get);
# otherwise say what to install. Prints the folder that holds initdb and pg_ctl.
set -euo pipefail
find_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }; done
  command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
  return 1
}
if find_bin; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "postgresql is missing: installing Debian's postgresql package..." >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  find_bin && exit 0
fi
cat >&2 <<'MSG'
The PostgreSQL store tests need PostgreSQL's server programs (initdb, pg_ctl), and they are missing.
  Debian/Ubuntu:  sudo apt-get install -y postgresql
  or point DATABASE_URL_TEST at a server you run (the tests create and drop their own schemas).
MSG
exit 1
