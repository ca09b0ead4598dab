#!/usr/bin/env bash
# Adds an EF Core migration named $1 for both providers (SQLite and PostgreSQL); needs no database.
# Usage: bash scripts/add-migration.sh AddSomething
set -euo pipefail
name="${1:?usage: scripts/add-migration.sh MigrationName}"
cd "$(dirname "$0")/.."
project=src/WorkplaceResilience.Api
dotnet tool restore >/dev/null
dotnet build "$project" -nologo -v q -p:SkipFrontEnd=true
for provider in Sqlite Postgres; do
  dotnet dotnet-ef migrations add "$name" --no-build --project "$project" \
    --context "${provider}AppDbContext" --output-dir "Persistence/Migrations/$provider"
done
