/**
 * For tests of what a server reads: a Kysely plugin that keeps the SQL of every statement run
 * while `recording`. Install it through useTestServer's `watchDb`:
 * `{ watchDb: (db) => (log.db = db.withPlugin(log)) }`.
 */
import type {
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
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (this.recording && this.db)
      this.statements.push(this.db.getExecutor().compileQuery(args.node, args.queryId).sql);
    return args.node;
  }
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}
