export * from './types';
export * from './errors';
export * from './client';
export { ApiProvider, useApi } from './ApiContext';
