// The SDK's sources import each other as `./x.js`, as ES modules must once built (libs/sdk);
// in the sources only `x.ts` exists. When such a relative import finds no file, look for the .ts.
module.exports = (request, options) => {
  try {
    return options.defaultResolver(request, options);
  } catch (error) {
    if (!/^\.{1,2}\/.*\.js$/.test(request) || options.basedir.includes('node_modules')) throw error;
    return options.defaultResolver(request.replace(/\.js$/, '.ts'), options);
  }
};
