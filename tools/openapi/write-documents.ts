// `npm run openapi`: writes each gateway's OpenAPI document, built from its code as /docs-json
// serves it, to openapi/<gateway>.json. `--check` writes nothing and fails when a committed
// document differs from the code (the regeneration test runs it).
import 'reflect-metadata';
import { buildOpenApiDocument } from '@phoenix/platform';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN_GATEWAY_API } from '../../apps/admin-gateway/src/openapi';
import { QUERY_GATEWAY_API } from '../../apps/query-gateway/src/openapi';

const DOCUMENTS = { 'query-gateway': QUERY_GATEWAY_API, 'admin-gateway': ADMIN_GATEWAY_API };
const check = process.argv.includes('--check');
const root = join(__dirname, '..', '..');

let stale = 0;
for (const [gateway, api] of Object.entries(DOCUMENTS)) {
  const file = join('openapi', `${gateway}.json`);
  const text = `${JSON.stringify(buildOpenApiDocument(api), null, 2)}\n`;
  if (!check) {
    writeFileSync(join(root, file), text);
    console.log(`wrote ${file}`);
  } else if (readOr(join(root, file)) !== text) {
    stale++;
    console.error(`${file} is not what the code documents: run \`npm run openapi\` and commit the result`);
  }
}
if (stale) process.exit(1);

function readOr(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
