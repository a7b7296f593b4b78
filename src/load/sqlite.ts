/**
 * The values of a query's rows over an SQLite database held in memory; throws (an Error whose
 * message is SQLite's) when the bytes are no database or the query does not apply to it.
 */
export type SqliteQuery = (database: Uint8Array, sql: string) => Iterable<readonly unknown[]>;

let engine: Promise<SqliteQuery> | undefined;

/**
 * SQLite compiled to WebAssembly (`sql.js`), loaded on first use: its module and WebAssembly binary
 * are read only when an image holds an SQLite database. Each query opens the bytes as an in-memory
 * database and yields its rows one at a time, closing it at the end; nothing is written anywhere.
 */
export function loadSqlite(): Promise<SqliteQuery> {
  engine ??= import('sql.js').then(async ({ default: initSqlJs }) => {
    const sql = await initSqlJs();
    return function* rows(database: Uint8Array, query: string): Generator<readonly unknown[]> {
      const db = new sql.Database(database);
      try {
        const statement = db.prepare(query);
        try {
          while (statement.step()) yield statement.get();
        } finally {
          statement.free();
        }
      } finally {
        db.close();
      }
    };
  });
  return engine;
}
