import { withAccessPolicies } from './access-policy';
import { activityDimensions } from './activity-dimensions';
import { preAggregationStorage } from './pre-aggregation-storage';
import { snapshotDimensions } from './snapshot-dimensions';

/** What an activity cube says for itself; activityCube adds what every activity cube shares. */
export interface ActivityCubeDefinition {
  readonly sql_table: string;
  readonly title: string;
  readonly description: string;
  /** What one row is called ("Loan"), for the titles of the shared dimensions. */
  readonly activity: string;
  readonly pre_aggregations: Readonly<Record<string, object>>;
  readonly measures: Readonly<Record<string, object>>;
  /** The table's own columns; the key, the user link and the snapshot fields are added. */
  readonly dimensions: Readonly<Record<string, object>>;
}

/**
 * An activity cube (loans, fines and fees, borrowing requests) from its own
 * definition and the parts they all share, written once here: hidden behind its
 * view, joined to the user it belongs to, the key, user link and anonymization
 * dimensions, the snapshot of user fields (model/privacy.yml), rollups stored
 * where preAggregationStorage says and indexed by campus and group, and the
 * privacy config's access policies.
 */
export function activityCube(definition: ActivityCubeDefinition) {
  const { activity, pre_aggregations, measures, dimensions, ...cube } = definition;
  return withAccessPolicies({
    ...cube,
    public: false,
    pre_aggregations: Object.fromEntries(Object.entries(pre_aggregations).map(([name, rollup]) => [name, {
      ...rollup,
      ...preAggregationStorage(),
      // Every dashboard and row filter narrows by campus, then group (a rollup without them names its own).
      indexes: (rollup as { indexes?: object }).indexes ?? { by_campus_and_group: { columns: (CUBE: Record<string, unknown>) => [CUBE.campus_code, CUBE.user_group] } },
    }])),
    // The same form Cube's transpiler gives a `joins` object written in a model file.
    joins: [{
      name: 'user_details',
      relationship: 'many_to_one',
      sql: (CUBE: unknown, user_details: unknown) => `${CUBE}.user_id = ${user_details}.user_id`,
    }],
    measures,
    dimensions: { ...activityDimensions(activity), ...snapshotDimensions(), ...dimensions },
  });
}
