export * from './common.js';
export * from './errors.js';
export * from './orgs.js';
export * from './users.js';
