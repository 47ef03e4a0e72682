import type { ActivityType } from '../privacy/privacy-config';
import { anonymizingAssignments, candidateCondition } from './anonymization-candidates';
import { COMPLETED_ACTIVITY } from './completed-activity';

/**
 * The id an anonymized row takes instead of its own: a random negative number
 * (60 bits from gen_random_uuid, PostgreSQL's strong random source). A person's
 * rows were one block of ids; drawn at random they are scattered over the whole
 * range, and no table or log keeps the old id, so nothing maps one to the other.
 * Negative, so it never meets an id Alma or the seed gives a live row.
 */
export const ANONYMIZED_ROW_ID = `-1 - ('x' || substr(md5(gen_random_uuid()::text), 1, 15))::bit(60)::bigint`;

/**
 * Rows of other tables that point at a loan by its id let go of it (loan_id
 * NULL) when the loan is anonymized: a fine still linked to its user would say
 * whose the anonymized loan was, and a link between two anonymized rows would
 * join their snapshots into a rarer profile.
 */
function followersOf(type: ActivityType): string {
  if (type !== 'loans') return '';
  return `, fines_letting_go AS (
    UPDATE alma.fines_fees AS fine SET loan_id = NULL FROM batch WHERE fine.loan_id = batch.id RETURNING fine.id
  )`;
}

/** An anonymized row points at no other row either: a fine lets go of its loan. */
function ownLinks(type: ActivityType): string {
  return type === 'fines_fees' ? ', loan_id = NULL' : '';
}

/**
 * One batch of the anonymization of `type`, as one statement (so one
 * transaction holds all of it): the next candidates by ascending id after $4,
 * at most $5 of them, locked, re-keyed, unlinked and coarsened to unit $6;
 * rows pointing at them let go. Returns the old ids of the rows it did, to
 * page on, and nothing else.
 * Parameters: $1-$3 of `candidateCondition`, $4 last old id done, $5 batch size, $6 date_trunc unit.
 */
export function anonymizingBatchStatement(type: ActivityType): string {
  const { table } = COMPLETED_ACTIVITY[type];
  return `WITH batch AS MATERIALIZED (
      SELECT id, ${ANONYMIZED_ROW_ID} AS new_id
        FROM ${table} WHERE id > $4 AND ${candidateCondition(type)} ORDER BY id LIMIT $5 FOR UPDATE
    )${followersOf(type)}
    UPDATE ${table} AS activity SET id = batch.new_id, ${anonymizingAssignments(type)}${ownLinks(type)}
      FROM batch WHERE activity.id = batch.id
      RETURNING batch.id AS old_id`;
}

/**
 * Columns whose values depend on the run rather than on the data: the random
 * ids anonymized rows take, and the day a row was anonymized. Two runs over
 * the same data agree on everything else.
 */
export const RUN_DEPENDENT_COLUMNS: readonly string[] = ['id', 'anonymized_at'];
