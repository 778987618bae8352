import { readFileSync } from 'node:fs';

/**
 * `.sql` files load as their text, as webpack (asset/source) and jest (a transform) do for the
 * apps: @phoenix/analytics imports its ClickHouse migrations that way. Imported first by the
 * benchmark, before anything that reaches the migrations.
 */
type CompilableModule = NodeJS.Module & { _compile(code: string, filename: string): void };

// require.extensions is deprecated, but it is the synchronous CommonJS hook this loader needs.
require.extensions['.sql'] = (module: NodeJS.Module, filename: string) => {
  const text = readFileSync(filename, 'utf8');
  (module as CompilableModule)._compile(`module.exports = { __esModule: true, default: ${JSON.stringify(text)} };`, filename);
};
