import type pg from 'pg';

// Writes db-schema.ts (Kysely's view of the tables) from a migrated database, so the types cannot drift
// from the SQL: `npm run db:schema` regenerates it, and platform/db-schema.test.ts fails when the
// committed file differs from what the migrations produce. Columns whose CHECK constraint lists the
// allowed values (`col IN ('a', 'b')`, `col <@ ARRAY['a', 'b']`) are typed as unions of those values.

interface Column {
  table_name: string;
  column_name: string;
  udt_name: string;
  is_nullable: 'YES' | 'NO';
  column_default: string | null;
  is_identity: 'YES' | 'NO';
  is_generated: 'ALWAYS' | 'NEVER';
}

const BASE: Record<string, string> = {
  uuid: 'string',
  text: 'string',
  citext: 'string',
  varchar: 'string',
  bpchar: 'string',
  inet: 'string',
  tsvector: 'string',
  // Calendar dates stay 'YYYY-MM-DD' strings; int8 and numeric are parsed to numbers (platform/db.ts).
  date: 'string',
  int2: 'number',
  int4: 'number',
  int8: 'number',
  float4: 'number',
  float8: 'number',
  numeric: 'number',
  bool: 'boolean',
  timestamptz: 'Date',
  timestamp: 'Date',
  json: 'unknown',
  jsonb: 'unknown',
  bytea: 'Buffer',
};

/** Extra names the code uses for rows of some tables. */
const ALIASES = [
  'export type InstitutionRow = Selectable<InstitutionsTable>;',
  'export type UnitRow = Selectable<UnitsTable>;',
  'export type PersonRow = Selectable<PeopleTable>;',
  'export type UserRow = Selectable<UsersTable>;',
  'export type NewPerson = Insertable<PeopleTable>;',
  'export type PersonUpdate = Updateable<PeopleTable>;',
];

const pascal = (name: string) => name.replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase());

/** `CHECK ((kind = ANY (ARRAY['a'::text, 'b'::text])))` → { column: 'kind', values: ['a', 'b'], array: false }. */
export function allowedValues(definition: string): { column: string; values: string[]; array: boolean } | null {
  const m = /^CHECK \(\(?\(?([a-z_]+)\)? (= ANY|<@) \(?ARRAY\[(.*)\]\)?\)\)$/.exec(definition.trim());
  if (!m) return null;
  const values = [...m[3].matchAll(/'((?:[^']|'')*)'::(?:text|character varying|citext)/g)].map((v) => v[1].replace(/''/g, "'"));
  if (values.length === 0) return null;
  return { column: m[1], values, array: m[2] === '<@' };
}

export async function generateDbSchema(pool: pg.Pool): Promise<string> {
  const { rows: columns } = await pool.query<Column>(
    `SELECT c.table_name, c.column_name, c.udt_name, c.is_nullable, c.column_default, c.is_identity, c.is_generated
     FROM information_schema.columns c
     JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
     WHERE c.table_schema = 'public'
     ORDER BY c.table_name, c.ordinal_position`,
  );
  const { rows: checks } = await pool.query<{ table_name: string; def: string }>(
    `SELECT rel.relname AS table_name, pg_get_constraintdef(con.oid) AS def
     FROM pg_constraint con JOIN pg_class rel ON rel.oid = con.conrelid JOIN pg_namespace n ON n.oid = rel.relnamespace
     WHERE con.contype = 'c' AND n.nspname = 'public'
     ORDER BY rel.relname, con.conname`,
  );
  const unions = new Map<string, { values: string[]; array: boolean }>();
  for (const c of checks) {
    const allowed = allowedValues(c.def);
    if (allowed) unions.set(`${c.table_name}.${allowed.column}`, allowed);
  }

  const tables = [...new Set(columns.map((c) => c.table_name))];
  const out: string[] = [
    '// Generated from the migrated database by `npm run db:schema` (platform/db-schema-generator.ts). Do not edit:',
    '// change the migration, then regenerate. platform/db-schema.test.ts fails when this file is out of date.',
    "import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';",
    '',
    '/** A timestamp the database fills in (insert may leave it out). */',
    'type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;',
    '/** A generated column: read only. */',
    'type ReadOnly<T> = ColumnType<T, never, never>;',
    '',
  ];
  for (const table of tables) {
    out.push(`export interface ${pascal(table)}Table {`);
    for (const c of columns.filter((col) => col.table_name === table)) {
      const isArray = c.udt_name.startsWith('_');
      const base = BASE[isArray ? c.udt_name.slice(1) : c.udt_name];
      if (!base) throw new Error(`db-schema: no TypeScript type for ${table}.${c.column_name} (${c.udt_name})`);
      const union = unions.get(`${table}.${c.column_name}`);
      let type = union ? union.values.map((v) => JSON.stringify(v).replace(/"/g, "'")).join(' | ') : base;
      if (isArray) type = union || type.includes(' ') ? `(${type})[]` : `${type}[]`;
      const hasDefault = c.column_default !== null || c.is_identity === 'YES';
      let column: string;
      if (c.is_generated === 'ALWAYS') column = `ReadOnly<${type}>`;
      else if (base === 'Date' && hasDefault && c.is_nullable === 'NO' && !isArray) column = 'Timestamp';
      else {
        const nullable = c.is_nullable === 'YES' ? `${type} | null` : type;
        column = hasDefault ? `Generated<${nullable}>` : nullable;
      }
      out.push(`  ${c.column_name}: ${column};`);
    }
    out.push('}', '');
  }
  out.push('export interface Database {');
  for (const table of tables) out.push(`  ${table}: ${pascal(table)}Table;`);
  out.push('}', '', ...ALIASES, '');
  return out.join('\n');
}
