/**
 * The error for a Cube feature that exists only in Cube's Rust module, which
 * cannot be installed on this platform. It names the feature and the way out,
 * so that nobody mistakes it for a bug in their model or query.
 */
export class RustOnlyFeatureError extends Error {
  constructor(feature: string, hint?: string) {
    super(
      `${feature} needs Cube's Rust module (@cubejs-backend/native), which this installation replaces with a ` +
      `TypeScript stand-in. ${hint ?? 'Run Cube from its official Docker image to use it.'}`,
    );
    this.name = 'RustOnlyFeatureError';
  }
}

export function rustOnlyFeature(feature: string, hint?: string): never {
  throw new RustOnlyFeatureError(feature, hint);
}
