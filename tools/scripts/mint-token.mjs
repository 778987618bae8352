#!/usr/bin/env node
// Mints a tenant user JWT for local use:
//   npm run token -- --tenant acme --user user_123 [--secret <jwt_secret>] [--role service] [--ttl 3600]
// The tenant's jwt_secret comes from --secret, else PHOENIX_JWT_SECRET, else the database:
// DATABASE_URL when set, else the embedded Postgres of a standalone running on DATA_DIR
// (default ./.phoenix-data, which publishes it in standalone.json), else the distributed
// default postgres://postgres@127.0.0.1:5432/phoenix.
import jwt from 'jsonwebtoken';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';

const { values } = parseArgs({
  options: {
    tenant: { type: 'string' },
    user: { type: 'string' },
    secret: { type: 'string' },
    role: { type: 'string' },
    ttl: { type: 'string', default: '3600' },
  },
});
if (!values.tenant || !values.user) {
  console.error('usage: npm run token -- --tenant <tenant_id> --user <user_id> [--secret <jwt_secret>] [--role service] [--ttl seconds]');
  process.exit(2);
}

function databaseUrl() {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const runtime = join(process.env.DATA_DIR || './.phoenix-data', 'standalone.json');
  if (existsSync(runtime)) {
    const { database_url: url } = JSON.parse(readFileSync(runtime, 'utf8'));
    if (url) return url;
  }
  return 'postgres://postgres@127.0.0.1:5432/phoenix';
}

async function secretFromDatabase(tenantId) {
  const url = databaseUrl();
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    const where = url.replace(/\/\/[^@/]*@/, '//');
    console.error(`cannot reach the database at ${where} (${error.message}): start the platform, set DATABASE_URL, or pass --secret`);
    process.exit(1);
  }
  try {
    const { rows } = await client.query('SELECT jwt_secret FROM catalog.tenants WHERE id = $1', [tenantId]);
    return rows[0]?.jwt_secret;
  } finally {
    await client.end();
  }
}

const secret = values.secret || process.env.PHOENIX_JWT_SECRET || (await secretFromDatabase(values.tenant));
if (!secret) {
  console.error(`tenant ${values.tenant} not found`);
  process.exit(1);
}
const claims = { sub: values.user, tenant_id: values.tenant, ...(values.role ? { role: values.role } : {}) };
process.stdout.write(`${jwt.sign(claims, secret, { algorithm: 'HS256', expiresIn: Number(values.ttl) })}\n`);
