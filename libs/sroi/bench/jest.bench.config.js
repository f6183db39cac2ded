// Runs the hand-run SROI timing check with the repository's unit settings (not part of `npm run jest`).
import base from '../../../jest.config.js';

const unit = base.projects.find((p) => p.displayName === 'unit');
export default {
  ...unit,
  rootDir: '../../..',
  displayName: 'sroi-bench',
  testMatch: ['<rootDir>/libs/sroi/bench/*.bench.ts'],
  testTimeout: 120000,
};
