import { chromium, type Browser } from 'playwright-core';

/** The flags the project's browser tests run Debian's chromium with (no sandbox in containers, no network of its own). */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Debian's /usr/bin/chromium (installed by scripts/setup.mjs, never downloaded). Pages get
 * `locale: 'en-GB'` from their context; date fields still draw as mm/dd/yyyy because Debian's
 * chromium package carries only the en-US locale pack (chromium-l10n has the others).
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}
