export * from './model.js';
export * from './events.js';
export * from './errors.js';
export * from './assignments.js';
export * from './staff.js';
export * from './walk-ins.js';
export * from './cases.js';
export * from './privacy.js';
