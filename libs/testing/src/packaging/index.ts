export * from './manifests';
export * from './kustomize';
export * from './compose';
export * from './app-packaging';
