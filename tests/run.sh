#!/usr/bin/env bash
# The test command: installs or starts what the suites need, runs every suite, ends with "N passed, N failed".
#   bash tests/run.sh
# Needs: .NET SDK 10, node 20+/npm. Installs Chromium (apt) and starts a throwaway PostgreSQL on loopback.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$(mktemp -d /tmp/wr-tests.XXXXXX)"
RESULTS="$WORK/results"
mkdir -p "$RESULTS"
SUDO=""; [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && SUDO="sudo"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

step() { printf '\n==> %s\n' "$*"; }

apt_install() {
  step "installing $*"
  $SUDO apt-get update -qq >/dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
}

# --- Chromium for the browser tests -------------------------------------------------------------
command -v chromium >/dev/null || apt_install chromium
export WR_CHROMIUM="$(command -v chromium)"
# yamllint for the deployment-file tests (they lint azure-pipelines.yml)
command -v yamllint >/dev/null || apt_install yamllint

# --- A throwaway PostgreSQL cluster on a loopback port ----------------------------------------
PGBIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
if [ -z "$PGBIN" ]; then apt_install postgresql; PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"; fi
PGPORT="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
PGDATA="$WORK/pg"; PGSOCK="$WORK/pgsock"; mkdir -p "$PGDATA" "$PGSOCK"
as_pg() { if [ "$(id -u)" -eq 0 ]; then chown -R postgres "$WORK"; runuser -u postgres -- "$@"; else "$@"; fi; }
chmod 755 "$WORK"
step "starting PostgreSQL on 127.0.0.1:$PGPORT"
as_pg "$PGBIN/initdb" -D "$PGDATA" --auth=trust -U postgres -E UTF8 >"$WORK/initdb.log" 2>&1 || { cat "$WORK/initdb.log"; exit 1; }
as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$WORK/pg.log" -w \
  -o "-p $PGPORT -c listen_addresses=127.0.0.1 -k $PGSOCK -c fsync=off -c max_connections=300" start >/dev/null || { cat "$WORK/pg.log"; exit 1; }
cleanup() {
  as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
export WR_TEST_POSTGRES="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=postgres;Pooling=true"

PASSED=0; FAILED=0; BROKEN=0

# --- Front end: install, unit tests, production build into the API's wwwroot --------------------
WEB="$ROOT/src/WorkplaceResilience.Web"
step "front end: npm ci, vitest, build"
( cd "$WEB" && npm ci --no-audit --no-fund --loglevel=error ) || BROKEN=1
( cd "$WEB" && npx vitest run --reporter=default --reporter=json --outputFile="$RESULTS/vitest.json" )
if [ -f "$RESULTS/vitest.json" ]; then
  read -r p f < <(node -e 'const r=require(process.argv[1]);console.log(r.numPassedTests, r.numFailedTests)' "$RESULTS/vitest.json")
  PASSED=$((PASSED + p)); FAILED=$((FAILED + f))
else
  BROKEN=1
fi
( cd "$WEB" && npm run build --silent ) || BROKEN=1

# --- Teams app package: fill, validate offline against the official schema, zip (manifest/) ------------
step "app package: npm ci, node --test"
( cd "$ROOT/manifest" && npm ci --no-audit --no-fund --loglevel=error ) || BROKEN=1
( cd "$ROOT/manifest" && node --test --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$RESULTS/manifest.tap" test/package.test.mjs )
if [ -s "$RESULTS/manifest.tap" ]; then
  p="$(sed -nE 's/^# pass ([0-9]+)$/\1/p' "$RESULTS/manifest.tap" | tail -1)"
  f="$(sed -nE 's/^# (fail|cancelled) ([0-9]+)$/\2/p' "$RESULTS/manifest.tap" | awk '{s+=$1} END {print s+0}')"
  PASSED=$((PASSED + ${p:-0})); FAILED=$((FAILED + f))
  [ -n "$p" ] || BROKEN=1
else
  echo "no results from the app package tests"; BROKEN=1
fi

# --- .NET: build once, then every test project (Core, simulator, API on SQLite and PostgreSQL, browser) ---
step "dotnet build"
dotnet build "$ROOT/WorkplaceResilience.sln" -c Release -nologo -v q -p:SkipFrontEnd=true || BROKEN=1
for project in Core GraphSimulator Api Web; do
  step "dotnet test WorkplaceResilience.$project.Tests"
  dotnet test "$ROOT/tests/WorkplaceResilience.$project.Tests" -c Release --no-build -nologo \
    --logger "trx;LogFileName=$RESULTS/$project.trx" --logger "console;verbosity=normal" || true
  if [ -f "$RESULTS/$project.trx" ]; then
    counters="$(grep -o '<Counters [^>]*>' "$RESULTS/$project.trx" | head -1)"
    p="$(sed -E 's/.* passed="([0-9]+)".*/\1/' <<<"$counters")"
    f="$(sed -E 's/.* failed="([0-9]+)".*/\1/' <<<"$counters")"
    PASSED=$((PASSED + p)); FAILED=$((FAILED + f))
  else
    echo "no results from WorkplaceResilience.$project.Tests"; BROKEN=1
  fi
done

[ "$BROKEN" -ne 0 ] && echo "a step failed before its tests could run (see above)" && FAILED=$((FAILED + 1))
echo
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
