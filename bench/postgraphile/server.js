'use strict';
/**
 * PostGraphile 4 (graphql 15, its own node_modules) over the bench's database, as a user would deploy it in
 * production: no GraphiQL, no watch mode, no query log, default mutations off (the bench only reads), pool of 20.
 * It sees the same tables and indexes as Dorfmarkt, and derives its schema from them
 * (productById, merchantByMerchantId, reviewsByProductId, userByAuthorId).
 */
const http = require('node:http');
const { Pool } = require('pg');
const { postgraphile } = require('postgraphile');

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 20, application_name: 'postgraphile' });
const middleware = postgraphile(pool, 'public', {
  graphiql: false,
  watchPg: false,
  disableQueryLog: true,
  disableDefaultMutations: true,
  dynamicJson: true,
  setofFunctionsContainNulls: false,
  ignoreRBAC: false,
  retryOnInitFail: false,
  enableQueryBatching: false,
  legacyRelations: 'omit',
  extendedErrors: [],
});

http.createServer(middleware).listen(Number(process.env.PORT || 5100), '127.0.0.1', () => {
  console.log('PostGraphile listening');
});
