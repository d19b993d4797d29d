# Sourced by run-local and .ci/run: makes JAVA_HOME point at a JDK 21 or newer, or stops with a clear message.
java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'; }
pick_jdk() {
  local candidate
  for candidate in "${JAVA_HOME:-}" "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")" /usr/lib/jvm/*; do
    if [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ]; then
      if [ "$(java_major "$candidate/bin/java")" -ge 21 ] 2>/dev/null; then echo "$candidate"; return 0; fi
    fi
  done
  return 1
}
if ! JAVA_HOME="$(pick_jdk)"; then
  echo "byok-review needs a JDK 21 or newer: set JAVA_HOME to one." >&2
  exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
# Maven and lz4-java use sun.misc.Unsafe, which JDK 24+ warns about on every start; the flag only silences that.
JAVA_TOOL_FLAGS=""
if [ "$(java_major "$JAVA_HOME/bin/java")" -ge 24 ]; then
  JAVA_TOOL_FLAGS="--sun-misc-unsafe-memory-access=allow"
  export MAVEN_OPTS="${MAVEN_OPTS:-} $JAVA_TOOL_FLAGS"
fi
