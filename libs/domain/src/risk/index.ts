export * from './risk-matrix.js';
export * from './lec.js';
export * from './static-risk-config.js';
export * from './static-risk-factors.js';
export * from './static-risk.js';
export * from './dynamic-risk-config.js';
export * from './dynamic-risk.js';
export * from './risk-transition.js';
