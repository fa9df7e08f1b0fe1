import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';
import type { JsonSchema } from './spec-types.js';

/**
 * Reads the vendored YAML files and turns OpenAPI 3.0 schema objects into plain JSON Schemas
 * that ajv (or a fast-check generator) can use as they are:
 * - `$ref` to another file (with an optional `#/json/pointer`) is inlined; OpenAPI 3.0 ignores
 *   the siblings of a `$ref`, so only its `description` is kept;
 * - `nullable: true` becomes a `'null'` member of `type` (and of `enum`, where there is one);
 * - `example` becomes `examples: [example]`; `x-*` extensions, `externalDocs` and `discriminator` (its `oneOf` stays) are dropped;
 * - `items` beside a non-array `type` (the PAT schemas have a few) is dropped: it never applies.
 * Results are frozen, so a caller cannot change the spec another caller sees.
 */
export class OpenApiFiles {
  readonly #documents = new Map<string, unknown>();

  /** The parsed YAML of `file` (absolute path), read once. */
  read(file: string): unknown {
    let document = this.#documents.get(file);
    if (document === undefined) {
      document = parse(readFileSync(file, 'utf8')) as unknown;
      this.#documents.set(file, document);
    }
    return document;
  }

  /** The files read so far, sorted. */
  paths(): string[] {
    return [...this.#documents.keys()].sort();
  }

  /** Follows `$ref`s until a node that is not one; relative refs resolve against the file that holds them. */
  deref(node: unknown, file: string): { node: unknown; file: string } {
    let current = { node, file };
    for (let hops = 0; isRecord(current.node) && typeof current.node.$ref === 'string'; hops += 1) {
      if (hops > 32) throw new Error(`$ref chain too long in ${file}`);
      current = this.#target(current.node.$ref, current.file);
    }
    return current;
  }

  /** The JSON Schema for an OpenAPI schema object found in `file`. */
  schema(node: unknown, file: string): JsonSchema {
    return deepFreeze(this.#convert(node, file, 0));
  }

  #target(ref: string, from: string): { node: unknown; file: string } {
    const [path = '', pointer = ''] = ref.split('#');
    const file = path === '' ? from : resolve(dirname(from), path);
    let node = this.read(file);
    for (const segment of pointer.split('/').filter((s) => s !== '')) {
      const key = segment.replaceAll('~1', '/').replaceAll('~0', '~');
      if (!isRecord(node) || !(key in node)) throw new Error(`Unresolvable $ref '${ref}' in ${from}`);
      node = node[key];
    }
    return { node, file };
  }

  #convert(node: unknown, file: string, depth: number): Record<string, unknown> {
    if (depth > 64) throw new Error(`Schema nested too deeply (a $ref cycle?) in ${file}`);
    if (!isRecord(node)) throw new Error(`Expected a schema object in ${file}, got ${JSON.stringify(node)}`);
    if (typeof node.$ref === 'string') {
      const target = this.#target(node.$ref, file);
      const resolved = this.#convert(target.node, target.file, depth + 1);
      return typeof node.description === 'string' ? { ...resolved, description: node.description } : resolved;
    }
    const out: Record<string, unknown> = {};
    for (const [keyword, value] of Object.entries(node)) {
      if (keyword === 'nullable' || keyword === 'externalDocs' || keyword === 'discriminator' || keyword.startsWith('x-')) continue;
      if (keyword === 'example') out.examples = [value];
      else if (keyword === 'properties' && isRecord(value)) {
        out.properties = Object.fromEntries(Object.entries(value).map(([name, child]) => [name, this.#convert(child, file, depth + 1)]));
      } else if (keyword === 'items') {
        if (node.type === undefined || node.type === 'array') out.items = this.#convert(value, file, depth + 1);
      } else if ((keyword === 'oneOf' || keyword === 'anyOf' || keyword === 'allOf') && Array.isArray(value)) {
        out[keyword] = value.map((child) => this.#convert(child, file, depth + 1));
      } else if ((keyword === 'not' || keyword === 'additionalProperties') && isRecord(value)) {
        out[keyword] = this.#convert(value, file, depth + 1);
      } else out[keyword] = value;
    }
    return node.nullable === true ? withNull(out) : out;
  }
}

function withNull(schema: Record<string, unknown>): Record<string, unknown> {
  const out = { ...schema };
  if (typeof out.type === 'string') out.type = [out.type, 'null'];
  else if (Array.isArray(out.type) && !out.type.includes('null')) out.type = [...(out.type as unknown[]), 'null'];
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...(out.enum as unknown[]), null];
  return out;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
