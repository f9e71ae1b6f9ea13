/** The least a migrator needs from a database connection, so PGlite and pg are driven alike. */
export interface SqlExecutor {
  exec(sql: string): Promise<void>;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
}
