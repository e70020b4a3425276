# Sourced by ./osmium and ./run-tests: sets JAVA_HOME to a JDK 25 or newer, or explains what is missing and exits.
# Order: $JAVA_HOME, then /usr/lib/jvm/*25*, then `java` on the PATH.
java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
}
osmium_find_jdk() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*25* /usr/lib/jvm/*; do
    if [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] \
        && [ "$(java_major "$candidate/bin/java")" -ge 25 ] 2>/dev/null; then
      JAVA_HOME="$candidate"; export JAVA_HOME; return 0
    fi
  done
  if command -v javac >/dev/null 2>&1; then
    candidate="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
    if [ "$(java_major "$candidate/bin/java")" -ge 25 ] 2>/dev/null; then
      JAVA_HOME="$candidate"; export JAVA_HOME; return 0
    fi
  fi
  echo "osmium: no JDK 25 found (looked at \$JAVA_HOME, /usr/lib/jvm/*25*, and java on the PATH)." >&2
  echo "osmium: install one (e.g. Temurin 25 under /usr/lib/jvm) or set JAVA_HOME to it." >&2
  exit 1
}
osmium_find_jdk
