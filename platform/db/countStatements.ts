// Counts the SQL statements Prisma sends, by wrapping its driver adapter. Tests use the count to prove batching
// ("one statement per entity type per batch"). Prisma's `query` log event does fire with driver adapters, but it
// is asynchronous and reports transaction control differently per adapter ("COMMIT" on pg, "-- Implicit COMMIT"
// on PGlite); counting at the adapter is synchronous with the call and identical on both backends.
import { withSqlSpan } from "../telemetry/sqlSpans.ts";

/** BEGIN/COMMIT/ROLLBACK/SAVEPOINT are not data statements: pg sends them as SQL, PGlite does not. */
const TRANSACTION_CONTROL = /^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE\s+SAVEPOINT|SET\s+TRANSACTION)\b/i;

interface SqlQueryLike {
  sql: string;
}

/** Returns the factory with every adapter and transaction it creates counting through onStatement. */
export function countStatements<Factory extends { connect(): Promise<object> }>(
  factory: Factory,
  onStatement: () => void,
): Factory {
  return new Proxy(factory, {
    get(target, property, receiver) {
      if (property === "connect") {
        return async () => countingQueryable(await target.connect(), onStatement);
      }
      return bindIfFunction(Reflect.get(target, property, receiver), target);
    },
  });
}

function countingQueryable<Queryable extends object>(
  queryable: Queryable,
  onStatement: () => void,
): Queryable {
  return new Proxy(queryable, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (typeof value !== "function") return value;
      if (property === "queryRaw" || property === "executeRaw") {
        return (query: SqlQueryLike, ...rest: unknown[]) => {
          if (TRANSACTION_CONTROL.test(query.sql)) return value.call(target, query, ...rest);
          onStatement();
          // One span per statement, without its parameters (telemetry/sqlSpans.ts).
          return withSqlSpan("postgresql", query.sql, () => value.call(target, query, ...rest));
        };
      }
      if (property === "startTransaction") {
        return async (...args: unknown[]) => countingQueryable(await value.apply(target, args), onStatement);
      }
      return value.bind(target);
    },
  });
}

function bindIfFunction(value: unknown, target: object): unknown {
  return typeof value === "function" ? value.bind(target) : value;
}
