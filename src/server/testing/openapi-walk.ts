// Helpers for tests that walk every route of the OpenAPI document (GET /api/docs/json): the list of
// operations, a minimal valid value for a JSON schema, and the fields of a request one can change one
// at a time. New routes are covered by such tests without anyone listing them.

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  nullable?: boolean;
  default?: unknown;
  additionalProperties?: boolean | JsonSchema;
};

export interface OpenApiParameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema: JsonSchema;
}

export interface OpenApiOperation {
  summary?: string;
  requestBody?: { required?: boolean; content: Record<string, { schema: JsonSchema }> };
  parameters?: OpenApiParameter[];
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
}

export interface RouteOperation {
  method: string;
  /** The OpenAPI path, with `{name}` placeholders. */
  path: string;
  op: OpenApiOperation;
  pathParams: OpenApiParameter[];
  queryParams: OpenApiParameter[];
  /** The JSON body's schema, when the route takes one. */
  jsonBody?: JsonSchema;
  /** The multipart form's schema, when the route takes `multipart/form-data`. */
  multipartBody?: JsonSchema;
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);

/** Every operation of the document, in document order. */
export function operationsOf(doc: OpenApiDocument): RouteOperation[] {
  const out: RouteOperation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (!METHODS.has(method)) continue;
      const params = op.parameters ?? [];
      out.push({
        method: method.toUpperCase(),
        path,
        op,
        pathParams: params.filter((p) => p.in === 'path'),
        queryParams: params.filter((p) => p.in === 'query'),
        jsonBody: op.requestBody?.content['application/json']?.schema,
        multipartBody: op.requestBody?.content['multipart/form-data']?.schema,
      });
    }
  }
  return out;
}

/** The schema without its `null` alternative (and whether null is allowed). */
export function nonNull(schema: JsonSchema): { schema: JsonSchema; nullable: boolean } {
  const alt = schema.anyOf ?? schema.oneOf;
  if (alt) {
    const rest = alt.filter((s) => s.type !== 'null');
    const inner = rest.length === 1 ? nonNull(rest[0]) : { schema: rest[0] ?? {}, nullable: false };
    return { schema: inner.schema, nullable: rest.length < alt.length || inner.nullable || schema.nullable === true };
  }
  if (schema.allOf) return nonNull(Object.assign({}, ...schema.allOf));
  if (Array.isArray(schema.type)) {
    const types = schema.type.filter((t) => t !== 'null');
    return { schema: { ...schema, type: types.length === 1 ? types[0] : types }, nullable: types.length < schema.type.length || schema.nullable === true };
  }
  return { schema, nullable: schema.nullable === true };
}

export function typeOf(schema: JsonSchema): string | undefined {
  const s = nonNull(schema).schema;
  if (s.enum) return 'enum';
  return Array.isArray(s.type) ? s.type[0] : s.type;
}

// Strings tried in turn for a `pattern`: the first that matches (and fits the length) is the sample.
const PATTERN_CANDIDATES = ['walker-1', 'WALK-1', 'VN', 'vi', 'a'.repeat(64), '0'.repeat(64), '+84 24 3869 2345', 'walker', 'w1', 'a'];

function sampleString(schema: JsonSchema, key: string): string {
  if (schema.format === 'email' || key === 'email') return 'walker@example.test';
  if (schema.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
  if (schema.format === 'uri') return 'https://example.test';
  if (schema.format === 'date') return '2026-01-01';
  if (schema.format === 'date-time') return '2026-01-01T00:00:00.000Z';
  const fits = (s: string) => s.length >= (schema.minLength ?? 0) && s.length <= (schema.maxLength ?? Number.POSITIVE_INFINITY);
  if (schema.pattern) {
    const re = new RegExp(schema.pattern);
    const found = PATTERN_CANDIDATES.find((c) => re.test(c) && fits(c));
    if (found) return found;
  }
  const base = 'walker-value-123';
  const min = schema.minLength ?? 1;
  return (min > base.length ? base.padEnd(min, 'x') : base).slice(0, Math.max(min, Math.min(base.length, schema.maxLength ?? base.length)));
}

/** Builds a minimal valid value for a JSON schema (only required properties). */
export function sample(schema: JsonSchema, key = ''): unknown {
  const s = nonNull(schema).schema;
  if (s.enum) return s.enum[0];
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const name of s.required ?? []) out[name] = sample(s.properties?.[name] ?? {}, name);
      return out;
    }
    case 'array':
      return Array.from({ length: s.minItems ?? 0 }, () => sample(s.items ?? {}, key));
    case 'integer':
    case 'number': {
      if (key === 'version' || key === 'baseVersion') return 1;
      const min = typeof s.minimum === 'number' ? s.minimum : 1;
      return Math.max(min, 1);
    }
    case 'boolean':
      return false;
    default:
      return sampleString(s, key);
  }
}

export interface Field {
  /** Path from the root of the body (object keys and array indexes). */
  path: (string | number)[];
  schema: JsonSchema;
}

/** Every property (required or not) of an object schema, nested objects and the first item of arrays included. */
export function fieldsOf(schema: JsonSchema, prefix: (string | number)[] = [], depth = 0): Field[] {
  if (depth > 8) return [];
  const s = nonNull(schema).schema;
  const out: Field[] = [];
  if (typeOf(s) === 'object' && s.properties) {
    for (const [name, child] of Object.entries(s.properties)) {
      const path = [...prefix, name];
      out.push({ path, schema: child });
      out.push(...fieldsOf(child, path, depth + 1));
    }
  } else if (typeOf(s) === 'array' && s.items) {
    const path = [...prefix, 0];
    out.push({ path, schema: s.items });
    out.push(...fieldsOf(s.items, path, depth + 1));
  }
  return out;
}

/** Schema of the value at `path` below `schema`. */
function schemaAt(schema: JsonSchema, path: (string | number)[]): JsonSchema {
  let s = schema;
  for (const part of path) {
    const inner = nonNull(s).schema;
    s = typeof part === 'number' ? (inner.items ?? {}) : (inner.properties?.[part] ?? {});
  }
  return s;
}

/**
 * A copy of `base` (a valid value of `schema`) with `value` at `path`; objects and arrays on the way
 * that `base` lacks are built with `sample` (an array gets one sample item).
 */
export function withValueAt(schema: JsonSchema, base: unknown, path: (string | number)[], value: unknown): unknown {
  const root = structuredClone(base) as Record<string | number, unknown>;
  let node: Record<string | number, unknown> = root;
  for (let i = 0; i < path.length - 1; i++) {
    const part = path[i];
    let next = node[part];
    if (next === undefined || next === null) {
      const childSchema = schemaAt(schema, path.slice(0, i + 1));
      next = sample(childSchema, String(part));
      if (Array.isArray(next) && next.length === 0 && typeof path[i + 1] === 'number') {
        next = [sample(nonNull(childSchema).schema.items ?? {}, String(part))];
      }
      node[part] = next;
    }
    if (Array.isArray(next) && typeof path[i + 1] === 'number' && next.length <= (path[i + 1] as number)) {
      const items = nonNull(schemaAt(schema, path.slice(0, i + 1))).schema.items ?? {};
      while (next.length <= (path[i + 1] as number)) next.push(sample(items, String(part)));
    }
    node = next as Record<string | number, unknown>;
  }
  const last = path.at(-1);
  if (last === undefined) return value;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return root;
}

/** Fills the path's `{name}` placeholders. */
export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => values[name] ?? 'walker-token-0123456789');
}
