// Preloaded into the xapi-statements child process (tests/lrs/server.ts).
// Its in-memory repository gives each stored statement `_id = uuid.v1()` and pages with
// `_id < cursor` (string order). A v1 UUID starts with the low 32 bits of its timestamp,
// which wrap every ~7 minutes, so after a wrap the `more` links skip statements. A real
// Learning Locker (MongoDB ObjectIds) has no such problem. Here the ids sort as they are made.
const { createRequire } = require('node:module');
const uuid = createRequire(require.resolve('xapi-statements/dist/index.js'))('uuid');
let count = 0;
uuid.v1 = () => `${(count += 1).toString(16).padStart(12, '0')}-0000-1000-8000-000000000000`;
