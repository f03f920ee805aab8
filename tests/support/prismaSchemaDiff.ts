// Compares a live database with the Prisma schema: the hand-written migrations must build exactly what Prisma
// would, or the generated client will query columns and constraints that are not there. The expected side comes
// from Prisma's own parser (getDMMF, WebAssembly, works offline); the actual side from pg_catalog.
// The result is a list of human-readable differences; empty means the database matches.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { getDMMF } from "@prisma/get-dmmf";
import type { SqlRunner } from "../../platform/db/database.ts";

const PRISMA_DIR = fileURLToPath(new URL("../../prisma/", import.meta.url));
/** PostgreSQL truncates identifiers to 63 bytes; Prisma shortens its default names to fit. */
const MAX_IDENTIFIER = 63;

type Dmmf = Awaited<ReturnType<typeof loadDmmf>>;
type DmmfModel = Dmmf["datamodel"]["models"][number];
type DmmfField = DmmfModel["fields"][number];

export async function loadDmmf() {
  const files = readdirSync(PRISMA_DIR)
    .filter((file) => file.endsWith(".prisma"))
    .sort()
    .map((file): [string, string] => [file, readFileSync(join(PRISMA_DIR, file), "utf8")]);
  const result = getDMMF({ datamodel: files });
  if ("type" in result) throw new Error(`Cannot parse the Prisma schema: ${result.reason}`);
  return result;
}

/** Every difference between the database and the Prisma schema, one sentence each. */
export async function diffDatabaseWithPrisma(db: SqlRunner): Promise<string[]> {
  const dmmf = await loadDmmf();
  const models = dmmf.datamodel.models;
  const schemas = [...new Set(models.map((model) => model.schema ?? "public"))];
  const actual = await introspect(db, schemas);
  const problems: string[] = [];

  const expectedTables = new Set(models.map((model) => qualified(model)));
  for (const table of actual.tables) {
    if (!expectedTables.has(table)) problems.push(`table ${table} exists but no Prisma model maps to it`);
  }

  for (const model of models) {
    const table = qualified(model);
    if (!actual.tables.has(table)) {
      problems.push(`table ${table} (model ${model.name}) is missing`);
      continue;
    }
    problems.push(...diffColumns(model, actual.columns.get(table) ?? []));
    problems.push(...diffIndexes(model, dmmf, actual.indexes.get(table) ?? []));
    problems.push(...diffForeignKeys(model, models, actual.foreignKeys.get(table) ?? []));
  }
  return problems;
}

// ---- expected side ---------------------------------------------------------------------------------------------

function tableName(model: DmmfModel): string {
  return model.dbName ?? model.name;
}

function qualified(model: DmmfModel): string {
  return `${model.schema ?? "public"}.${tableName(model)}`;
}

function columnName(field: DmmfField): string {
  return field.dbName ?? field.name;
}

function columnOf(model: DmmfModel, fieldName: string): string {
  const field = model.fields.find((candidate) => candidate.name === fieldName);
  if (!field) throw new Error(`Model ${model.name} has no field ${fieldName}`);
  return columnName(field);
}

/** Prisma's default constraint name: `<table>_<columns>_<suffix>`, shortened to fit 63 characters. */
export function prismaConstraintName(
  table: string,
  columns: string[],
  suffix: "pkey" | "key" | "idx" | "fkey",
): string {
  const base = suffix === "pkey" ? table : `${table}_${columns.join("_")}`;
  const room = MAX_IDENTIFIER - suffix.length - 1;
  return `${base.length > room ? base.slice(0, room) : base}_${suffix}`;
}

/** The pg type (udt_name) and precision Prisma creates for a scalar field. */
function expectedType(field: DmmfField): { udt: string; precision?: number } {
  const [nativeName, nativeArgs = []] = (field.nativeType as [string, string[]] | null | undefined) ?? [];
  const native: Record<string, string> = {
    Uuid: "uuid",
    Text: "text",
    VarChar: "varchar",
    Timestamptz: "timestamptz",
    Timestamp: "timestamp",
    Date: "date",
    DoublePrecision: "float8",
    Real: "float4",
    Integer: "int4",
    SmallInt: "int2",
    BigInt: "int8",
    Decimal: "numeric",
    JsonB: "jsonb",
    Json: "json",
    Boolean: "bool",
    Inet: "inet",
  };
  const scalar: Record<string, string> = {
    String: "text",
    Float: "float8",
    Int: "int4",
    BigInt: "int8",
    Boolean: "bool",
    DateTime: "timestamp",
    Json: "jsonb",
    Decimal: "numeric",
    Bytes: "bytea",
  };
  const udt = nativeName ? native[nativeName] : scalar[field.type];
  if (!udt)
    throw new Error(`No known PostgreSQL type for ${field.type} ${nativeName ?? ""} (extend expectedType)`);
  // Prisma's DateTime defaults to precision 3; @db.Timestamptz(p) sets it explicitly.
  const isTimestamp = udt === "timestamp" || udt === "timestamptz";
  const precision = isTimestamp ? Number(nativeArgs[0] ?? 3) : undefined;
  return precision === undefined ? { udt } : { udt, precision };
}

// ---- comparisons -----------------------------------------------------------------------------------------------

function diffColumns(model: DmmfModel, columns: ActualColumn[]): string[] {
  const problems: string[] = [];
  const table = qualified(model);
  const byName = new Map(columns.map((column) => [column.name, column]));
  const scalarFields = model.fields.filter((field) => field.kind === "scalar" || field.kind === "enum");
  const expectedNames = new Set(scalarFields.map(columnName));

  for (const column of columns) {
    if (!expectedNames.has(column.name))
      problems.push(`column ${table}.${column.name} exists but no field of ${model.name} maps to it`);
  }
  for (const field of scalarFields) {
    const name = columnName(field);
    const column = byName.get(name);
    const where = `${table}.${name} (${model.name}.${field.name})`;
    if (!column) {
      problems.push(`column ${where} is missing`);
      continue;
    }
    const type = expectedType(field);
    const udt = field.isList ? `_${type.udt}` : type.udt;
    if (column.udt !== udt) problems.push(`column ${where} has type ${column.udt}, Prisma expects ${udt}`);
    if (type.precision !== undefined && column.precision !== type.precision) {
      problems.push(`column ${where} has precision ${column.precision}, Prisma expects ${type.precision}`);
    }
    // Prisma creates list columns without NOT NULL, and required scalars with it.
    const shouldBeNullable = field.isList || !field.isRequired;
    if (column.nullable !== shouldBeNullable) {
      problems.push(
        `column ${where} is ${column.nullable ? "nullable" : "NOT NULL"}, Prisma expects ${shouldBeNullable ? "nullable" : "NOT NULL"}`,
      );
    }
    const defaultProblem = diffDefault(field, column.default);
    if (defaultProblem) problems.push(`column ${where} ${defaultProblem}`);
  }
  return problems;
}

/** Database-side defaults only: uuid()/cuid() are generated by the client and leave no DEFAULT behind. */
function diffDefault(field: DmmfField, actual: string | null): string | undefined {
  const declared = field.default as
    | { name?: string; args?: unknown[] }
    | string
    | number
    | boolean
    | undefined;
  const clientSide =
    typeof declared === "object" &&
    declared !== null &&
    ["uuid", "cuid", "nanoid", "ulid"].includes(declared.name ?? "");
  if (declared === undefined || clientSide) {
    return actual === null ? undefined : `has DEFAULT ${actual}, Prisma declares none`;
  }
  if (actual === null) return "has no DEFAULT, Prisma declares one";
  if (typeof declared === "object" && declared !== null) {
    if (declared.name === "now" && !/^(CURRENT_TIMESTAMP|now\(\))/i.test(actual)) {
      return `has DEFAULT ${actual}, Prisma expects CURRENT_TIMESTAMP`;
    }
    if (declared.name === "autoincrement" && !actual.startsWith("nextval("))
      return `has DEFAULT ${actual}, Prisma expects a sequence`;
    return undefined;
  }
  return actual.includes(String(declared))
    ? undefined
    : `has DEFAULT ${actual}, Prisma expects ${String(declared)}`;
}

function diffIndexes(model: DmmfModel, dmmf: Dmmf, indexes: ActualIndex[]): string[] {
  const problems: string[] = [];
  const table = qualified(model);
  const remaining = [...indexes];
  for (const index of dmmf.datamodel.indexes.filter((candidate) => candidate.model === model.name)) {
    if (index.type === "fulltext") continue;
    const columns = index.fields.map((field) => columnOf(model, field.name));
    const kind = index.type === "id" ? "primary" : index.type === "unique" ? "unique" : "index";
    const suffix = kind === "primary" ? "pkey" : kind === "unique" ? "key" : "idx";
    const name = index.dbName ?? prismaConstraintName(tableName(model), columns, suffix);
    const label = `${kind === "primary" ? "primary key" : kind === "unique" ? "unique index" : "index"} ${name} on ${table}(${columns.join(", ")})`;
    const found = remaining.findIndex(
      (actual) => actual.columns.join(",") === columns.join(",") && actual.kind === kind,
    );
    if (found === -1) {
      problems.push(`${label} is missing`);
      continue;
    }
    const [actual] = remaining.splice(found, 1);
    if (actual && actual.name !== name) problems.push(`${label} is named ${actual.name} in the database`);
  }
  for (const extra of remaining) {
    problems.push(
      `${extra.kind} ${extra.name} on ${table}(${extra.columns.join(", ")}) exists but is not in the Prisma schema`,
    );
  }
  return problems;
}

const FK_ACTIONS: Record<string, string> = {
  a: "NoAction",
  r: "Restrict",
  c: "Cascade",
  n: "SetNull",
  d: "SetDefault",
};

function diffForeignKeys(
  model: DmmfModel,
  models: readonly DmmfModel[],
  foreignKeys: ActualForeignKey[],
): string[] {
  const problems: string[] = [];
  const table = qualified(model);
  const remaining = [...foreignKeys];
  const relations = model.fields.filter(
    (field) => field.kind === "object" && (field.relationFromFields?.length ?? 0) > 0,
  );
  for (const relation of relations) {
    const target = models.find((candidate) => candidate.name === relation.type);
    if (!target)
      throw new Error(`Relation ${model.name}.${relation.name} points at unknown model ${relation.type}`);
    const columns = (relation.relationFromFields ?? []).map((field) => columnOf(model, field));
    const referenced = (relation.relationToFields ?? []).map((field) => columnOf(target, field));
    const name = prismaConstraintName(tableName(model), columns, "fkey");
    // Prisma's referential actions when none are written: Restrict (required) / SetNull (optional), Cascade on update.
    const onDelete = relation.relationOnDelete ?? (relation.isRequired ? "Restrict" : "SetNull");
    const onUpdate = (relation as { relationOnUpdate?: string }).relationOnUpdate ?? "Cascade";
    const label = `foreign key ${name} ${table}(${columns.join(", ")}) → ${qualified(target)}(${referenced.join(", ")})`;
    const found = remaining.findIndex((actual) => actual.columns.join(",") === columns.join(","));
    if (found === -1) {
      problems.push(`${label} is missing`);
      continue;
    }
    const [actual] = remaining.splice(found, 1);
    if (!actual) continue;
    if (actual.name !== name) problems.push(`${label} is named ${actual.name} in the database`);
    if (
      actual.references !== qualified(target) ||
      actual.referencedColumns.join(",") !== referenced.join(",")
    ) {
      problems.push(
        `${label} references ${actual.references}(${actual.referencedColumns.join(", ")}) in the database`,
      );
    }
    if (FK_ACTIONS[actual.onDelete] !== onDelete)
      problems.push(`${label} has ON DELETE ${FK_ACTIONS[actual.onDelete]}, Prisma expects ${onDelete}`);
    if (FK_ACTIONS[actual.onUpdate] !== onUpdate)
      problems.push(`${label} has ON UPDATE ${FK_ACTIONS[actual.onUpdate]}, Prisma expects ${onUpdate}`);
  }
  for (const extra of remaining)
    problems.push(`foreign key ${extra.name} on ${table} exists but is not in the Prisma schema`);
  return problems;
}

// ---- actual side ---------------------------------------------------------------------------------------------

interface ActualColumn {
  name: string;
  udt: string;
  nullable: boolean;
  precision: number | null;
  default: string | null;
}

interface ActualIndex {
  name: string;
  kind: "primary" | "unique" | "index";
  columns: string[];
}

interface ActualForeignKey {
  name: string;
  columns: string[];
  references: string;
  referencedColumns: string[];
  onDelete: string;
  onUpdate: string;
}

async function introspect(db: SqlRunner, schemas: string[]) {
  const tables = await db.query<{ table: string }>(
    `SELECT table_schema || '.' || table_name AS table FROM information_schema.tables
     WHERE table_schema = ANY($1::text[]) AND table_type = 'BASE TABLE'`,
    [schemas],
  );
  const columns = await db.query<{ table: string } & ActualColumn>(
    `SELECT table_schema || '.' || table_name AS table, column_name AS name, udt_name AS udt,
            is_nullable = 'YES' AS nullable, datetime_precision AS precision, column_default AS default
     FROM information_schema.columns WHERE table_schema = ANY($1::text[]) ORDER BY ordinal_position`,
    [schemas],
  );
  // Columns of an index in index order (array_position over indkey keeps the order of a composite index).
  const indexes = await db.query<{
    table: string;
    name: string;
    primary: boolean;
    unique: boolean;
    columns: string[];
  }>(
    `SELECT n.nspname || '.' || t.relname AS table, i.relname AS name, x.indisprimary AS primary, x.indisunique AS unique,
            ARRAY(SELECT a.attname::text FROM unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, position)
                  JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.position) AS columns
     FROM pg_index x
     JOIN pg_class i ON i.oid = x.indexrelid
     JOIN pg_class t ON t.oid = x.indrelid
     JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE n.nspname = ANY($1::text[])
       -- Expression and partial indexes (full-text GIN, partial uniques) are SQL Prisma cannot express: a
       -- migration adds them after its generated part, and this comparison leaves them alone.
       AND x.indexprs IS NULL AND x.indpred IS NULL`,
    [schemas],
  );
  const foreignKeys = await db.query<{ table: string } & ActualForeignKey>(
    `SELECT n.nspname || '.' || t.relname AS table, c.conname AS name,
            ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, position)
                  JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.position) AS columns,
            rn.nspname || '.' || r.relname AS references,
            ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, position)
                  JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.position) AS "referencedColumns",
            c.confdeltype::text AS "onDelete", c.confupdtype::text AS "onUpdate"
     FROM pg_constraint c
     JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
     JOIN pg_class r ON r.oid = c.confrelid JOIN pg_namespace rn ON rn.oid = r.relnamespace
     WHERE c.contype = 'f' AND n.nspname = ANY($1::text[])`,
    [schemas],
  );

  return {
    tables: new Set(tables.map((row) => row.table)),
    columns: groupBy(columns, (row) => row.table),
    indexes: groupBy(
      indexes.map((row) => ({
        table: row.table,
        name: row.name,
        kind: row.primary ? ("primary" as const) : row.unique ? ("unique" as const) : ("index" as const),
        columns: row.columns,
      })),
      (row) => row.table,
    ),
    foreignKeys: groupBy(foreignKeys, (row) => row.table),
  };
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  return groups;
}
