#!/usr/bin/env node
// Mints a tenant user JWT for local use:
//   npm run token -- --tenant acme --user user_123 [--secret <jwt_secret>] [--role service] [--ttl 3600]
// The tenant's jwt_secret comes from --secret, else PHOENIX_JWT_SECRET, else the database:
// DATABASE_URL when set, else the embedded Postgres of a standalone running on DATA_DIR
// (default ./.phoenix-data, which publishes it in standalone.json), else the distributed
// default postgres://postgres@127.0.0.1:5432/phoenix. There it is sealed (libs/auth/src/secret-box.ts):
// it is opened with SECRETS_KEY / SECRETS_KEYS_OLD, else the standalone's key in DATA_DIR/credentials.json.
import jwt from 'jsonwebtoken';
import { createDecipheriv } from 'node:crypto';
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

const dataDir = process.env.DATA_DIR || './.phoenix-data';

function databaseUrl() {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const runtime = join(dataDir, 'standalone.json');
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
    return rows[0] ? opened(rows[0].jwt_secret, `catalog.tenants.jwt_secret:${tenantId}`) : undefined;
  } finally {
    await client.end();
  }
}

/** The keys that may have sealed it, by id: the variables the services read, else the standalone's own. */
function secretsKeys() {
  const file = join(dataDir, 'credentials.json');
  const stored = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).secrets_key : undefined;
  const all = [process.env.SECRETS_KEY || stored, ...(process.env.SECRETS_KEYS_OLD ?? '').split(',')].filter(Boolean);
  return new Map(all.map((key) => [key.slice(0, key.indexOf(':')), Buffer.from(key.slice(key.indexOf(':') + 1), 'base64')]));
}

/** A sealed secret's plaintext (`enc:v1:<key id>:<base64url(iv ‖ tag ‖ ciphertext)>`, AES-256-GCM); a plaintext row as it is. */
function opened(stored, context) {
  if (!stored.startsWith('enc:v1:')) return stored;
  const [id, payload] = stored.slice('enc:v1:'.length).split(':');
  const key = secretsKeys().get(id);
  if (!key) {
    console.error(`the tenant's jwt_secret is sealed with key "${id}": set SECRETS_KEY (or SECRETS_KEYS_OLD) to it, or pass --secret`);
    process.exit(1);
  }
  const bytes = Buffer.from(payload, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(bytes.subarray(12, 28));
  return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
}

const secret = values.secret || process.env.PHOENIX_JWT_SECRET || (await secretFromDatabase(values.tenant));
if (!secret) {
  console.error(`tenant ${values.tenant} not found`);
  process.exit(1);
}
const claims = { sub: values.user, tenant_id: values.tenant, ...(values.role ? { role: values.role } : {}) };
process.stdout.write(`${jwt.sign(claims, secret, { algorithm: 'HS256', expiresIn: Number(values.ttl) })}\n`);
