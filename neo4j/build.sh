#!/usr/bin/env bash
# Builds the embedded Neo4j launcher into neo4j/target/: atlas-neo4j.jar + every runtime jar in target/lib.
# Idempotent: a stamp holding the hash of the build inputs makes a repeat call a no-op in milliseconds.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

# The absolute path is an input too: the classpath file and the CDS archive below record it.
inputs() { { pwd; sha256sum pom.xml build.sh $(find src -type f | LC_ALL=C sort); } | sha256sum | cut -d' ' -f1; }
built() { [[ -f target/.stamp && -f target/classpath.txt && "$(cat target/.stamp)" == "$1" ]]; }

want=$(inputs)
built "$want" && exit 0

command -v mvn >/dev/null || { echo "neo4j/build.sh: mvn (Maven 3) not found on PATH" >&2; exit 1; }
command -v java >/dev/null || { echo "neo4j/build.sh: java (17+) not found on PATH" >&2; exit 1; }

mkdir -p target
# Serialise concurrent builds (e.g. a test run and `npm run db:start`); the winner's result serves both.
exec 9>target/.build.lock
flock 9
built "$want" && exit 0

rm -f target/.stamp
echo "neo4j/build.sh: building the embedded Neo4j launcher (the first build downloads ~130 MB of jars)..." >&2
rm -rf target/lib   # copy-dependencies never deletes jars, so a version bump would leave two Neo4j's on the classpath
# -q/-ntp: only errors, no download progress. Maven 3.8's jansi still emits bare colour resets even with -B,
# so output is captured and shown (stripped of escapes, on stderr) only when the build fails.
if ! out=$(mvn -B -q -ntp -Dstyle.color=never package 2>&1); then
  printf '%s\n' "$out" | sed 's/\x1b\[[0-9;]*m//g' >&2
  echo "neo4j/build.sh: Maven build failed (see above)" >&2
  exit 1
fi

# server.ts starts the JVM with exactly this classpath; CDS refuses an archive recorded with a different one.
cp="$PWD/target/atlas-neo4j.jar$(find "$PWD/target/lib" -name '*.jar' | LC_ALL=C sort | sed 's/^/:/' | tr -d '\n')"
printf '%s' "$cp" > target/classpath.txt

# Class-data-sharing archive of what a start plus a few queries load: JVM startup drops by ~2 s on 2 cores.
# Optional: without it server.ts simply starts without -XX:SharedArchiveFile.
rm -f target/atlas.jsa
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
head -c 24 /dev/urandom | base64 > "$tmp/password"
if ! java -XX:ArchiveClassesAtExit=target/atlas.jsa -Xlog:disable -Xlog:all=error:stderr \
     --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
     --add-opens=java.base/sun.nio.ch=ALL-UNNAMED -cp "$cp" atlas.neo4j.Launcher \
     --home "$tmp/home" --port 0 --password-file "$tmp/password" --warmup >/dev/null 2>"$tmp/err"; then
  echo "neo4j/build.sh: warning: no CDS archive (Neo4j will start ~2 s slower):" >&2
  tail -5 "$tmp/err" >&2
  rm -f target/atlas.jsa
fi

echo "$want" > target/.stamp
