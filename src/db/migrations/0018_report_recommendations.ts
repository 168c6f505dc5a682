import type { Kysely } from 'kysely';
import { runStatements } from './runStatements.ts';

/**
 * A published report's recommendations, one row each (issue 17): the records the partnership's delivery plan
 * tracks by report and number. Written once, at publication, from the internal edition; like the publication
 * itself (0017) the database refuses to change or remove them, so "recommendation 3 of report 12" always means
 * the words that were approved. 0017's report_refuse_change() names the table it refuses, so it serves here too.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE report_recommendation (
      report_id integer NOT NULL REFERENCES report (id),
      number integer NOT NULL CHECK (number >= 1),
      theme text NOT NULL CHECK (theme <> ''),
      text text NOT NULL CHECK (text <> ''),
      block_id text NOT NULL,
      published_version integer NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (report_id, number),
      FOREIGN KEY (report_id, published_version) REFERENCES report_version (report_id, version)
    )`,
    `CREATE TRIGGER report_recommendation_append_only BEFORE UPDATE OR DELETE ON report_recommendation
      FOR EACH ROW EXECUTE FUNCTION report_refuse_change()`,
    `CREATE TRIGGER report_recommendation_no_truncate BEFORE TRUNCATE ON report_recommendation
      FOR EACH STATEMENT EXECUTE FUNCTION report_refuse_change()`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // The triggers go with the table; the function stays, 0017 owns it.
  await runStatements(db, ['DROP TABLE report_recommendation']);
}
