// One webpack build per app: apps/<app>/src/main.ts -> dist/apps/<app>/main.js.
// Workspace libs are bundled in; node_modules stay external (the image installs them).
// The standalone's build holds the five apps too, beside its launcher (dist/apps/standalone/
// <app>.js), with one webpack runtime and the modules they share in chunks of their own: the
// libs (and the contracts' schemas) are loaded and built once for the process, not once per app.
const path = require('node:path');
const nodeExternals = require('webpack-node-externals');
const { TsconfigPathsPlugin } = require('tsconfig-paths-webpack-plugin');
const { BannerPlugin } = require('webpack');

const root = path.resolve(__dirname, '../..');

/** What the standalone runs in its process (its launcher loads them in this order, see launcher.ts). */
const STANDALONE_APPS = ['rewards-catalog', 'order-fulfillment', 'grants-analytics', 'query-gateway', 'admin-gateway'];
const INSTRUMENT = './libs/platform/src/observability/instrument.ts';

module.exports = (env) => {
  const app = env.app;
  if (!app) throw new Error('usage: webpack --env app=<app-name>');
  const standalone = app === 'standalone';
  return {
    mode: 'production',
    target: 'node24',
    context: root,
    // The instrumentation entry comes first: it registers the OpenTelemetry instrumentations (when
    // spans are exported) before the libraries they patch are required (instrumentations.ts). In
    // the standalone, its main.js does it once for the five apps it loads.
    entry: standalone
      ? { main: [INSTRUMENT, './apps/standalone/src/main.ts'], ...Object.fromEntries(STANDALONE_APPS.map((name) => [name, `./apps/${name}/src/main.ts`])) }
      : [INSTRUMENT, `./apps/${app}/src/main.ts`],
    output: {
      path: path.join(root, 'dist/apps', app),
      filename: standalone ? '[name].js' : 'main.js',
      library: { type: 'commonjs2' },
      clean: true,
    },
    devtool: 'source-map',
    externalsPresets: { node: true },
    externals: [nodeExternals({ modulesDir: path.join(root, 'node_modules') })],
    resolve: {
      extensions: ['.ts', '.js'],
      plugins: [new TsconfigPathsPlugin({ configFile: path.join(root, 'tsconfig.base.json') })],
    },
    module: {
      rules: [
        // ClickHouse migrations ship inside the bundle as text.
        { test: /\.sql$/, type: 'asset/source' },
        {
          test: /\.ts$/,
          loader: 'ts-loader',
          exclude: /node_modules/,
          options: { transpileOnly: true, configFile: path.join(root, `apps/${app}/tsconfig.app.json`) },
        },
      ],
    },
    // Readable stack traces and class names (Nest relies on them for DI tokens and logs).
    optimization: {
      minimize: false,
      nodeEnv: false,
      ...(standalone ? { runtimeChunk: { name: 'runtime' }, splitChunks: { chunks: 'all', minSize: 0 } } : {}),
    },
    node: { __dirname: false, __filename: false },
    // The standalone's main.js turns on Node's on-disk compile cache as its first statement, so
    // every file loaded after it (the chunks and apps beside it, the node_modules they require)
    // is compiled from V8's cached code on a restart: compiling them is most of a restart's CPU.
    // Node keeps the cache under NODE_COMPILE_CACHE (default: a folder in the OS's temp dir),
    // checks it against each file's content and its own version, and NODE_DISABLE_COMPILE_CACHE=1
    // turns it off. A banner, not an import: webpack loads main.js's chunks before its first module
    // (the banner repeats the file's 'use strict', which must stay its first statement).
    plugins: standalone
      ? [new BannerPlugin({ banner: "'use strict';\nrequire('node:module').enableCompileCache?.();", raw: true, entryOnly: true, include: /^main\.js$/ })]
      : [],
    performance: { hints: false },
    stats: 'errors-warnings',
  };
};
