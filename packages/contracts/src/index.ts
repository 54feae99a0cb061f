export * from './common.js';
export * from './enums.js';
export * from './errors.js';
export * from './orgs.js';
export * from './users.js';
