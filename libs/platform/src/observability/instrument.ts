// The first module of every app's bundle (tools/build/webpack.config.js): the library
// instrumentations must be registered before the libraries they patch are loaded.
import { registerLibraryInstrumentations } from './instrumentations';

registerLibraryInstrumentations();
