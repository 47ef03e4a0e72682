// The stand-in as JavaScript, for production (npm start with NODE_ENV=production runs
// Node with --conditions=alma-compiled): npm run build compiles it with the rest of the
// server into dist/server, outside this package, so this file hands that copy on.
module.exports = require('../../dist/server/src/native/index.js');
