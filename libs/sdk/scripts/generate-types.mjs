#!/usr/bin/env node
// Writes the SDK's types from the committed OpenAPI documents (openapi/<gateway>.json) with
// openapi-typescript, into libs/sdk/src/generated/<gateway>.ts. `--check` writes nothing and fails
// when a generated file differs from what the documents give (the SDK's regeneration test runs it).
//   node libs/sdk/scripts/generate-types.mjs [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const check = process.argv.includes('--check');
let stale = 0;
for (const gateway of ['query-gateway', 'admin-gateway']) {
  const document = join(root, 'openapi', `${gateway}.json`);
  const target = join(root, 'libs', 'sdk', 'src', 'generated', `${gateway}.ts`);
  const header = `// Generated from openapi/${gateway}.json by libs/sdk/scripts/generate-types.mjs (openapi-typescript): do not edit.\n\n`;
  // defaultNonNullable off: a property with a default is optional to send (the documents list
  // what an answer always carries as required, so answers lose nothing).
  const text = header + astToString(await openapiTS(pathToFileURL(document), { defaultNonNullable: false }));
  const file = relative(root, target);
  if (!check) {
    writeFileSync(target, text);
    console.log(`wrote ${file}`);
    continue;
  }
  let committed = '';
  try {
    committed = readFileSync(target, 'utf8');
  } catch {
    // missing: stale like any other difference
  }
  if (committed !== text) {
    stale++;
    console.error(`${file} is not what openapi/${gateway}.json gives: run node libs/sdk/scripts/generate-types.mjs and commit the result`);
  }
}
process.exitCode = stale ? 1 : 0;
