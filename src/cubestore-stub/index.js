// Cube's cubestore-driver asks this package for a local Cube Store binary only when
// it has to start one itself (dev mode without CUBEJS_CUBESTORE_HOST). We never do:
// pre-aggregations are stored in PostgreSQL, or in a remote cluster named by env.
function unavailable(name) {
  return () => {
    throw new Error(
      `${name}: the Cube Store binary is not installed on this platform. ` +
      'Use pre-aggregations with external: false, or point CUBEJS_CUBESTORE_HOST at a Cube Store cluster.'
    );
  };
}
module.exports = {
  isCubeStoreSupported: () => false,
  getBinaryPath: unavailable('getBinaryPath'),
  downloadBinaryFromRelease: unavailable('downloadBinaryFromRelease'),
  CubeStoreHandler: class CubeStoreHandler {
    constructor() { unavailable('CubeStoreHandler')(); }
  },
};
