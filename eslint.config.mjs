import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

export default [
  { ignores: ['**/dist', '**/node_modules', '**/.nx', 'tools/**/*.js', '**/*.mjs', '**/jest.config.*', 'apps/e2e/src/seed-clients/**'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            // Apps never import apps; each app is deployed on its own.
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['kind:pure', 'kind:testing', 'kind:sdk'] },
            // The SDK is what a tenant installs: it imports nothing of the platform's, and the
            // examples import nothing but the SDK.
            { sourceTag: 'kind:sdk', onlyDependOnLibsWithTags: ['kind:sdk'] },
            { sourceTag: 'type:example', onlyDependOnLibsWithTags: ['kind:sdk'] },
            // Contracts and domain are pure: no framework, no driver.
            { sourceTag: 'kind:pure', onlyDependOnLibsWithTags: ['kind:pure'] },
            { sourceTag: 'kind:infra', onlyDependOnLibsWithTags: ['kind:pure', 'kind:infra'] },
            { sourceTag: 'kind:testing', onlyDependOnLibsWithTags: ['kind:pure', 'kind:infra', 'kind:testing'] },
          ],
        },
      ],
    },
  },
  {
    // Tests of any project may use the testing lib.
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['kind:pure', 'kind:testing', 'kind:sdk'] },
            { sourceTag: 'type:example', onlyDependOnLibsWithTags: ['kind:sdk'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'libs/testing/**/*.ts', 'apps/e2e/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['libs/contracts/**/*.ts', 'libs/domain/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@nestjs/*', 'nestjs-*', 'typeorm', 'pg', 'pg-*', 'kafkajs', '@clickhouse/*', 'chdb', '@electric-sql/*', 'fastify', '@fastify/*',
                'passport*', 'pino*', 'prom-client', 'jwks-rsa', 'jsonwebtoken', 'jws', '@opentelemetry/*', 'rxjs', 'reflect-metadata',
              ],
              message: 'Pure libs import no framework or driver.',
            },
          ],
        },
      ],
    },
  },
  {
    // The SDK runs wherever a tenant's code does (servers, edge runtimes, browsers): Web APIs only.
    files: ['libs/sdk/src/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', '@phoenix/*', '!@phoenix/sdk'], message: 'The SDK uses Web APIs only: no Node built-in, no platform code.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
];
