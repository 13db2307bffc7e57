// `npm run demo`: the service on a data folder of its own (./demo-data), filled with demonstration data on first start.
process.env.DEMO = 'true';
process.env.DATA_DIR = './demo-data';
// its own embedded PostgreSQL port, so that it can run beside `npm start` (on another PORT)
process.env.EMBEDDED_PG_PORT = process.env.EMBEDDED_PG_PORT || '54321';
require('../dist/src/main.js');
