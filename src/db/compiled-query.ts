import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, type CompiledQuery, type Compilable } from 'kysely';
import type { Database } from './schema.js';

/**
 * A Kysely that only compiles. Both of Kopa's databases (PostgreSQL and PGlite) use PostgreSQL's
 * query compiler, so a query compiled here has the same text as one that a transaction compiles.
 */
const compileOnly = new Kysely<Database>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

/** Stands in for a value while the query is compiled; its place in the parameters is where the value goes. */
class Slot {
  constructor(readonly name: string) {}
}

/**
 * A query built and compiled once, when the module loads, and executed with new values on each call
 * (`trxOf(tx).executeQuery(query(values))`). Kysely otherwise builds the query's tree and compiles it
 * to SQL on every request (ADR 0019, "The server's own CPU per request"). `param(name)` stands in
 * for one scalar value: a string, number, boolean, Date or null. It cannot stand in for a list (`in`)
 * or anything Kysely expands into more than one parameter. The text is the same on every call, so
 * PGlite prepares it once.
 *
 * The compiled query keeps its `queryId`: Kysely uses it only to pair a plugin's transformQuery and
 * transformResult, and Kopa's databases have no plugins.
 */
export function compiledOnce<Values extends Record<string, unknown>, Row>(
  build: (db: Kysely<Database>, param: <K extends keyof Values & string>(name: K) => Values[K]) => Compilable<Row>,
): (values: Values) => CompiledQuery<Row> {
  const compiled = build(compileOnly, (name) => new Slot(name) as Values[typeof name]).compile();
  const slots = compiled.parameters.map((value) => (value instanceof Slot ? value.name : null));
  return (values) => ({
    ...compiled,
    parameters: slots.map((name, i) => (name === null ? compiled.parameters[i] : values[name])),
  });
}
