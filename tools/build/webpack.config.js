// One webpack build per app: apps/<app>/src/main.ts -> dist/apps/<app>/main.js.
// Workspace libs are bundled in; node_modules stay external (the image installs them).
const path = require('node:path');
const nodeExternals = require('webpack-node-externals');
const { TsconfigPathsPlugin } = require('tsconfig-paths-webpack-plugin');

const root = path.resolve(__dirname, '../..');

module.exports = (env) => {
  const app = env.app;
  if (!app) throw new Error('usage: webpack --env app=<app-name>');
  return {
    mode: 'production',
    target: 'node20',
    context: root,
    entry: `./apps/${app}/src/main.ts`,
    output: {
      path: path.join(root, 'dist/apps', app),
      filename: 'main.js',
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
    optimization: { minimize: false, nodeEnv: false },
    node: { __dirname: false, __filename: false },
    performance: { hints: false },
    stats: 'errors-warnings',
  };
};
