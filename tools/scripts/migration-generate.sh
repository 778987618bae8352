#!/usr/bin/env bash
# Generates a TypeORM migration from the difference between the entities and the schema the
# existing migrations build. Usage: [STORE=catalog|fulfillment] npm run db:migration:generate -- <name>
# Uses a scratch database (recreated each time) on the Postgres of TEST_DATABASE_URL.
set -euo pipefail
name=${1:?usage: npm run db:migration:generate -- <name>}
server=${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}
scratch=phoenix_migration_scratch
psql "$server" -qc "DROP DATABASE IF EXISTS $scratch WITH (FORCE)" -c "CREATE DATABASE $scratch"
export DATABASE_URL="${server%/*}/$scratch" SWC_NODE_PROJECT=tsconfig.base.json
export STORE=${STORE:-catalog}
psql "$DATABASE_URL" -qc "CREATE SCHEMA $STORE"
cli="node -r @swc-node/register node_modules/typeorm/cli.js"
$cli migration:run -d tools/scripts/typeorm-datasource.ts >/dev/null
$cli migration:generate -d tools/scripts/typeorm-datasource.ts "libs/persistence/src/migrations/$STORE/$name"
echo "Now add the new class to libs/persistence/src/migrations/$STORE/index.ts"
