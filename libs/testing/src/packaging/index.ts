export * from './manifests';
export * from './compose';
export * from './app-packaging';
