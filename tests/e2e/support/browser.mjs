// Debian's Chromium, driven by playwright-core. Nothing is downloaded: the
// browser is the system one, and each launch gets a fresh temporary profile.

import { createRequire } from 'node:module';
import { join } from 'node:path';

import { requiredEnv } from './CareDeskServer.mjs';

const CHROMIUM_ARGS = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
];

// playwright-core is installed in the build folder, not next to this file.
export function loadPlaywright() {
    const modules = requiredEnv('CAREDESK_E2E_NODE_MODULES');
    const require = createRequire(join(modules, 'caredesk-e2e.cjs'));
    return require('playwright-core');
}

export async function launchChromium() {
    const { chromium } = loadPlaywright();
    return chromium.launch({
        executablePath: process.env.CAREDESK_CHROMIUM || '/usr/bin/chromium',
        headless: true,
        args: CHROMIUM_ARGS,
    });
}

export const PHONE = {
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
};
export const DESKTOP = { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 };
