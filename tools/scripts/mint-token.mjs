#!/usr/bin/env node
// Mints a tenant user JWT for local use:
//   npm run token -- --tenant acme --user user_123 [--secret <jwt_secret>] [--role service] [--ttl 3600]
// Without --secret it reads the tenant's jwt_secret from the database (DATABASE_URL), which
// works against a distributed stack; for standalone pass the jwt_secret you got at creation.
import jwt from 'jsonwebtoken';
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

let secret = values.secret ?? process.env.PHOENIX_JWT_SECRET;
if (!secret) {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/phoenix' });
  await client.connect();
  const { rows } = await client.query('SELECT jwt_secret FROM catalog.tenants WHERE id = $1', [values.tenant]);
  await client.end();
  if (!rows.length) {
    console.error(`tenant ${values.tenant} not found`);
    process.exit(1);
  }
  secret = rows[0].jwt_secret;
}
const claims = { sub: values.user, tenant_id: values.tenant, ...(values.role ? { role: values.role } : {}) };
process.stdout.write(`${jwt.sign(claims, secret, { algorithm: 'HS256', expiresIn: Number(values.ttl) })}\n`);
