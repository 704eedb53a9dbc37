#!/bin/sh
# The browser tests drive Debian's chromium (never a downloaded browser): install it when
# missing and we are root, else explain in French what to install.
if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || [ -n "${CHROMIUM_PATH:-}" ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installation du navigateur des tests (paquet Debian chromium)..."
  DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null &&
    exit 0
  echo "L'installation du paquet chromium a échoué : installez-le à la main (apt-get install chromium)." >&2
  exit 1
fi
echo "Chromium est introuvable : les tests du navigateur en ont besoin. Installez le paquet Debian « chromium »" >&2
echo "(sudo apt-get install chromium), puis relancez « make test »." >&2
exit 1
