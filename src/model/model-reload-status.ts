import type { PlacedModelError } from './model-errors';

/** Where a model folder stands after its last change: serving which version, and what is wrong with the newest files. */
export interface ModelReloadStatus {
  readonly folder: string;
  /** When the model being served was found valid. */
  readonly servingSince?: string;
  /** Errors of the newest files on disk (empty when they are the ones being served). */
  readonly errors: readonly PlacedModelError[];
  /** True while broken files on disk are passed over for the last good model. */
  readonly servingLastGood: boolean;
}

const statuses = new Map<string, ModelReloadStatus>();

/** Records the status of `status.folder` (one process may compile more than one folder). */
export function recordModelReloadStatus(status: ModelReloadStatus): void {
  statuses.set(status.folder, status);
}

/** The status of every model folder this process serves. */
export function modelReloadStatuses(): ModelReloadStatus[] {
  return [...statuses.values()];
}
