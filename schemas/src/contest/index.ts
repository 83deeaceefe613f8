export * from './aggregate';
export * from './config';
export * from './draw';
export * from './legend';
export * from './ranking';
export * from './rubric';
export { round2 } from './stats';
export * from './zscore';
