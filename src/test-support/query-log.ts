/**
 * For tests of what a store is asked: a Kysely plugin that keeps every statement run while
 * `recording`, its SQL alone (`statements`) and compiled with the rows it brought back (`runs`).
 * On a server, install it through useTestServer's `watchDb`:
 * `{ watchDb: (db) => (log.db = db.withPlugin(log)) }`; on a store, `log.db = db` and run the
 * code under test on `db.withPlugin(log)`.
 */
import type {
  CompiledQuery,
  Kysely,
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from "kysely";
import type { Database } from "../store/tables.js";

export class QueryLog implements KyselyPlugin {
  db: Kysely<Database> | undefined;
  recording = false;
  readonly statements: string[] = [];
  readonly runs: { query: CompiledQuery; rows: number }[] = [];
  readonly #running = new Map<unknown, CompiledQuery>();
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (this.recording && this.db) {
      const query = this.db.getExecutor().compileQuery(args.node, args.queryId);
      this.statements.push(query.sql);
      this.#running.set(args.queryId, query);
    }
    return args.node;
  }
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const query = this.#running.get(args.queryId);
    if (query) {
      this.#running.delete(args.queryId);
      this.runs.push({ query, rows: args.result.rows.length });
    }
    return Promise.resolve(args.result);
  }
}
