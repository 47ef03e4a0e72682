import { join } from 'node:path';
import { FileRepository } from '@cubejs-backend/shared';
import { withPrivacyPolicies } from './yaml-model-policies';

/** The model folder: cubes/ and views/ hold the data model; the rest of it (privacy.yml, the field list) feeds generators. */
export const MODEL_FOLDER = join(__dirname, '..', '..', 'model');

const MODEL_SUBFOLDERS = ['cubes/', 'views/'];

/**
 * Cube's file repository over model/, listing only the model files (Cube would
 * otherwise try to compile privacy.yml as a model), each with the access
 * policies of the privacy config (see withPrivacyPolicies). Its local path is absolute,
 * so `require('../src/...')` in a model file works whatever the working directory.
 */
export class ModelRepository extends FileRepository {
  constructor(private readonly folder = MODEL_FOLDER) {
    super(folder);
  }

  override localPath(): string {
    return this.folder;
  }

  override async dataSchemaFiles(includeDependencies = false) {
    const files = await super.dataSchemaFiles(includeDependencies);
    return files
      .filter((file) => MODEL_SUBFOLDERS.some((folder) => file.fileName.startsWith(folder)))
      .map(withPrivacyPolicies);
  }
}
