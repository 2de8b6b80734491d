// Temporary: unit tests of the stand-in that need no emulator, until the shared
// web-test-runner.config.mjs can start (it needs sandbox/api). Run:
//   node node_modules/@web/test-runner/dist/bin.js --config test/stand-in/wtr-local.config.mjs
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';

export default {
  rootDir: '.',
  files: ['test/stand-in/**/*.test.ts', '!test/stand-in/**/emulator.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  plugins: [esbuildPlugin({ ts: true, target: 'es2022' })],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
        args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      },
    }),
  ],
};
