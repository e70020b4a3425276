# Sourced by ./osmium and ./run-tests: sets JAVA_HOME to a JDK 25 or newer, or explains what is missing and exits.
# Order: $JAVA_HOME, then /usr/lib/jvm/*25*, then `java` on the PATH.
# A JDK's major version comes from its `release` file (reading it costs nothing, starting java costs ~80 ms on every
# ./osmium), or from java itself when the file is missing.
java_major() {
  local home="$1" version
  version="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release" 2>/dev/null)"
  if [ -z "$version" ]; then
    version="$("$home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')"
  fi
  echo "$version"
}
osmium_find_jdk() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*25* /usr/lib/jvm/*; do
    if [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] \
        && [ "$(java_major "$candidate")" -ge 25 ] 2>/dev/null; then
      JAVA_HOME="$candidate"; export JAVA_HOME; return 0
    fi
  done
  if command -v javac >/dev/null 2>&1; then
    candidate="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
    if [ "$(java_major "$candidate")" -ge 25 ] 2>/dev/null; then
      JAVA_HOME="$candidate"; export JAVA_HOME; return 0
    fi
  fi
  echo "osmium: no JDK 25 found (looked at \$JAVA_HOME, /usr/lib/jvm/*25*, and java on the PATH)." >&2
  echo "osmium: install one (e.g. Temurin 25 under /usr/lib/jvm) or set JAVA_HOME to it." >&2
  exit 1
}
osmium_find_jdk
