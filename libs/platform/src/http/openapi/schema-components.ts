import * as contracts from '@phoenix/contracts';
import { z } from 'zod';

export type Json = { [key: string]: unknown };
export type Io = 'input' | 'output';

const PREFIX = '#/components/schemas/';
const PLACEHOLDER = /^#\/components\/schemas\/(.+)@(input|output)$/;

let contractNames: Map<z.ZodType, string> | undefined;

/**
 * Every schema exported by the contracts lib, by its export name less `Schema`: the names of
 * the document's components (`PurchaseBodySchema` is `PurchaseBody`).
 */
function namesOfContracts(): Map<z.ZodType, string> {
  if (!contractNames) {
    contractNames = new Map();
    for (const [key, value] of Object.entries(contracts)) {
      if (value instanceof z.ZodType && key.endsWith('Schema') && !contractNames.has(value)) contractNames.set(value, key.slice(0, -'Schema'.length));
    }
  }
  return contractNames;
}

/**
 * The JSON Schemas of a document, from zod (`z.toJSONSchema`, JSON Schema 2020-12 as OpenAPI
 * 3.1 has it). While the document is built, `use` hands out placeholders; `resolve` then
 * converts every schema once per direction (bodies and parameters as input, answers as
 * output), names each contract schema after its export, gives a schema whose input and output
 * differ a second component (`…Input`), inlines schemas that no contract names, flattens a
 * `oneOf` of `oneOf`s into one, and keeps only the components the document refers to.
 */
export class SchemaComponents {
  private readonly anonymous = new Map<z.ZodType, string>();

  use(schema: z.ZodType, io: Io): Json {
    let name = namesOfContracts().get(schema) ?? this.anonymous.get(schema);
    if (!name) {
      name = `~inline${this.anonymous.size}`;
      this.anonymous.set(schema, name);
    }
    return { $ref: `${PREFIX}${name}@${io}` };
  }

  /** The description a schema carries (`.describe()`), for parameters. */
  static descriptionOf(schema: z.ZodType): string | undefined {
    return schema.description ?? (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault ? SchemaComponents.descriptionOf(schema.unwrap() as z.ZodType) : undefined);
  }

  /** Replaces the placeholders in `document` (in place) and returns its `components.schemas`. */
  resolve(document: Json): Record<string, Json> {
    const converted = { ...this.convert('input'), ...this.convert('output') };
    const used = reachable(document, converted);
    const names = finalNames(used, converted);
    const rename = (ref: string): Json | string => {
      const match = PLACEHOLDER.exec(ref);
      if (!match) return ref;
      return match[1]!.startsWith('~inline') ? this.inlined(ref, converted, rename) : PREFIX + names.get(ref.slice(PREFIX.length))!;
    };
    replaceRefs(document, rename);
    const schemas: Record<string, Json> = {};
    for (const id of used) {
      if (id.includes('~inline')) continue;
      const schema = structuredClone(converted[id]!);
      replaceRefs(schema, rename);
      schemas[names.get(id)!] = schema;
    }
    flattenOneOf(document, schemas);
    for (const schema of Object.values(schemas)) flattenOneOf(schema, schemas);
    const kept = reachable(document, schemas, (ref) => ref.slice(PREFIX.length));
    return Object.fromEntries(Object.entries(schemas).filter(([name]) => kept.has(name)).sort(([a], [b]) => a.localeCompare(b)));
  }

  private inlined(ref: string, converted: Record<string, Json>, rename: (ref: string) => Json | string): Json {
    const schema = structuredClone(converted[ref.slice(PREFIX.length)]!);
    replaceRefs(schema, rename);
    return schema;
  }

  private convert(io: Io): Record<string, Json> {
    const registry = z.registry<{ id: string }>();
    for (const [schema, name] of [...namesOfContracts(), ...this.anonymous]) registry.add(schema, { id: `${name}@${io}` });
    const { schemas } = z.toJSONSchema(registry, { io, target: 'draft-2020-12', unrepresentable: 'any', uri: (id) => PREFIX + id });
    return Object.fromEntries(Object.entries(schemas).map(([id, schema]) => [id, withoutIds(schema as Json)]));
  }
}

function withoutIds(schema: Json): Json {
  const { $schema: _schema, $id: _id, ...rest } = schema;
  return rest;
}

/** Calls `visit` on every `$ref` below `node` and puts what it returns in its place (a string: the new ref; an object: the schema itself). */
function replaceRefs(node: unknown, visit: (ref: string) => Json | string): void {
  if (Array.isArray(node)) {
    node.forEach((item, index) => {
      const replaced = refReplacement(item, visit);
      if (replaced) node[index] = replaced;
      else replaceRefs(item, visit);
    });
  } else if (node && typeof node === 'object') {
    const object = node as Json;
    for (const [key, value] of Object.entries(object)) {
      if (key === '$ref' && typeof value === 'string') {
        const replaced = visit(value);
        if (typeof replaced === 'string') object['$ref'] = replaced;
        else {
          delete object['$ref'];
          Object.assign(object, replaced);
          replaceRefs(object, visit);
        }
      } else replaceRefs(value, visit);
    }
  }
}

function refReplacement(item: unknown, visit: (ref: string) => Json | string): Json | undefined {
  if (!item || typeof item !== 'object' || Array.isArray(item)) return undefined;
  const ref = (item as Json)['$ref'];
  if (typeof ref !== 'string' || Object.keys(item).length !== 1) return undefined;
  const replaced = visit(ref);
  if (typeof replaced === 'string') return { $ref: replaced };
  replaceRefs(replaced, visit);
  return replaced;
}

/** The ids of `schemas` that `root` refers to, directly or through each other. */
function reachable(root: unknown, schemas: Record<string, Json>, idOf: (ref: string) => string = (ref) => ref.slice(PREFIX.length)): Set<string> {
  const seen = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && typeof value === 'string') {
          const id = idOf(value);
          if (!seen.has(id) && schemas[id]) {
            seen.add(id);
            walk(schemas[id]);
          }
        } else walk(value);
      }
    }
  };
  walk(root);
  return seen;
}

/** A component name per used `name@io`: the name, or `nameInput` where input and output differ. */
function finalNames(used: Set<string>, converted: Record<string, Json>): Map<string, string> {
  const base = (id: string) => id.replace(/@(input|output)$/, '');
  const both = new Set([...used].filter((id) => id.endsWith('@input') && used.has(`${base(id)}@output`)).map(base));
  const shape = (id: string) => JSON.stringify(converted[id]).replace(/@(input|output)"/g, '"');
  const differs = new Set([...both].filter((name) => shape(`${name}@input`) !== shape(`${name}@output`)));
  for (let grew = true; grew; ) {
    grew = false;
    for (const name of both) {
      if (differs.has(name)) continue;
      const refs = reachable(converted[`${name}@input`], converted);
      if ([...refs].some((id) => differs.has(base(id)))) {
        differs.add(name);
        grew = true;
      }
    }
  }
  return new Map([...used].map((id) => [id, differs.has(base(id)) && id.endsWith('@input') ? `${base(id)}Input` : base(id)]));
}

/** A `oneOf` whose branch is itself only a `oneOf` (a union of unions) gets that branch's branches: one flat list. */
function flattenOneOf(node: unknown, schemas: Record<string, Json>): void {
  if (Array.isArray(node)) node.forEach((item) => flattenOneOf(item, schemas));
  else if (node && typeof node === 'object') {
    const object = node as Json;
    if (Array.isArray(object['oneOf'])) object['oneOf'] = (object['oneOf'] as Json[]).flatMap((branch) => branchesOf(branch, schemas));
    for (const value of Object.values(object)) flattenOneOf(value, schemas);
  }
}

function branchesOf(branch: Json, schemas: Record<string, Json>): Json[] {
  const target = typeof branch['$ref'] === 'string' ? schemas[(branch['$ref'] as string).slice(PREFIX.length)] : branch;
  if (target && Array.isArray(target['oneOf']) && Object.keys(target).every((key) => key === 'oneOf' || key === 'description')) {
    return (target['oneOf'] as Json[]).flatMap((inner) => branchesOf(inner, schemas));
  }
  return [branch];
}
