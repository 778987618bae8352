#!/usr/bin/env bash
# Generates a migration (with the TypeORM CLI, a development dependency) from the difference between the entities and the schema the
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
# The apps run migrations without TypeORM (a development dependency): the new file takes our types.
generated=$(ls -t libs/persistence/src/migrations/$STORE/*-"$name".ts | head -1)
sed -i -e "s#import { MigrationInterface, QueryRunner } from \"typeorm\";#import type { Migration, MigrationQueries } from '../../data-source';#" \
  -e 's/implements MigrationInterface/implements Migration/' -e 's/queryRunner: QueryRunner/queryRunner: MigrationQueries/g' "$generated"
echo "Now add the new class of $generated to libs/persistence/src/migrations/$STORE/index.ts"
