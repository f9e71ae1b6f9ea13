export * from './model.js';
export * from './events.js';
export * from './errors.js';
export * from './assignments.js';
export * from './cases.js';
