import type { SelectStmt } from '@pgsql/types';
import { disclosurePolicyFor } from '../../disclosure/disclosure-policy';
import type { SqlSession } from '../session';
import type { SqlInterfaceOptions } from '../sql-interface-options';
import { planSelect, StatementPlanning, type SelectPlan } from './plan-select';
import { runPlan } from './run-plan';
import { subqueriesAsConstants } from './subqueries-as-constants';

/**
 * Plans and runs a SELECT over views. For a group with a minimum cell size, subqueries
 * that pick keys or a value are answered first as statements of their own, and every
 * nested SELECT is planned as a grouped Cube query, so that only cells disclosure
 * control judged ever leave Cube.
 */
export async function answerSelect(session: SqlSession, options: SqlInterfaceOptions, select: SelectStmt, parameters: (string | null)[]): Promise<{ plan: SelectPlan; rows: (string | null)[][] }> {
  const cellsOnly = !!disclosurePolicyFor(session.context.securityContext);
  const params = [...parameters];
  const resolved = cellsOnly
    ? await subqueriesAsConstants(select, session.tables, params, async (inner) => {
      const { plan, rows } = await answerSelect(session, options, inner, params);
      return { types: plan.outputs.map((o) => o.type), rows };
    })
    : select;
  const planning = new StatementPlanning(session.tables, params, cellsOnly);
  const plan = planSelect(resolved, planning);
  return { plan, rows: await runPlan(session, options, plan, planning) };
}

/** The plan of a SELECT, for its columns, as answerSelect would plan it for the session. */
export function planForSession(session: SqlSession, select: SelectStmt, parameters: (string | null)[]): SelectPlan {
  return planSelect(select, new StatementPlanning(session.tables, parameters, !!disclosurePolicyFor(session.context.securityContext)));
}
