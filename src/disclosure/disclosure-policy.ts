import { privacyConfig } from '../privacy/privacy-config';
import type { DisclosureSettings } from '../privacy/disclosure-settings';

/**
 * Groups that get cell key perturbation on top of their privacy.yml settings,
 * comma-separated (ALMA_CELL_KEY_GROUPS=analyst). It can only add protection:
 * a group without a minimum cell size is not affected, and nothing turns
 * perturbation or the minimum cell size off.
 */
export const CELL_KEY_GROUPS_VARIABLE = 'ALMA_CELL_KEY_GROUPS';

function perturbedByEnvironment(group: string, env: NodeJS.ProcessEnv): boolean {
  return (env[CELL_KEY_GROUPS_VARIABLE] ?? '').split(',').map((name) => name.trim()).includes(group);
}

/** The disclosure settings for a caller's security context; undefined for a group that sees every cell. */
export function disclosurePolicyFor(securityContext: unknown, env: NodeJS.ProcessEnv = process.env): DisclosureSettings | undefined {
  const group = (securityContext as { group?: unknown } | undefined)?.group;
  if (typeof group !== 'string') return undefined;
  const settings = privacyConfig().groups.find((candidate) => candidate.name === group)?.disclosure;
  if (!settings) return undefined;
  return perturbedByEnvironment(group, env) ? { ...settings, perturbation: 'cell-key' } : settings;
}
