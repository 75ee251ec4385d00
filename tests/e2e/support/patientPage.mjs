// Acting on the patient page the way a patient does, and checks
// that say what they saw when they fail (playwright-core has no expect()).

import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';

export const PATIENT = Object.freeze({
    firstName: 'Maria',
    lastName: 'Lopez',
    birthMonth: '4',
    birthDay: '27',
    birthYear: '1985',
    reason: 'Sore throat and a fever since Tuesday',
    contact: '206 555 0100',
});

// A browser context the way a patient in Chicago has it, with every page
// error, console error and alert() recorded for the test to check. `prepare`
// runs on the new context before the page loads (to install routes).
export async function openPatientPage(browser, baseUrl, contextOptions = {}, prepare = null) {
    const context = await browser.newContext({
        locale: 'en-US',
        timezoneId: 'America/Chicago',
        ...contextOptions,
    });
    await prepare?.(context);
    const page = await context.newPage();
    // `received` holds every message the server sent the page, for checks
    // that depend on what exactly the server said.
    const problems = { pageErrors: [], consoleErrors: [], dialogs: [], received: [] };
    page.on('websocket', (socket) =>
        socket.on('framereceived', ({ payload }) => {
            try {
                problems.received.push(JSON.parse(String(payload)));
            } catch {
                problems.received.push({ type: 'not json', payload: String(payload) });
            }
        }),
    );
    page.on('pageerror', (error) => problems.pageErrors.push(error.message));
    page.on('console', (message) => {
        if (message.type() === 'error') {
            problems.consoleErrors.push(message.text());
        }
    });
    page.on('dialog', async (dialog) => {
        problems.dialogs.push(dialog.message());
        await dialog.dismiss();
    });
    await page.goto(`${baseUrl}/`);
    return { context, page, problems };
}

export async function textOf(page, selector) {
    return (await page.locator(selector).textContent())?.trim() ?? '';
}

// Waits until the text of `selector` matches, then returns it; on timeout the
// failure shows what was there instead.
export async function waitForText(page, selector, expected, timeoutMs = 15000) {
    const matches = (text) =>
        expected instanceof RegExp ? expected.test(text) : text.includes(expected);
    const deadline = Date.now() + timeoutMs;
    let text = '';
    for (;;) {
        const locator = page.locator(selector);
        text = (await locator.count()) > 0 ? ((await locator.textContent()) ?? '').trim() : '';
        if (matches(text)) {
            return text;
        }
        if (Date.now() > deadline) {
            assert.fail(`${selector} should show ${expected}, but shows "${text}"`);
        }
        await sleep(100);
    }
}

export async function waitForScreen(page, screen, timeoutMs = 15000) {
    try {
        await page.locator(`#screen-${screen}`).waitFor({ state: 'visible', timeout: timeoutMs });
    } catch {
        const shown = await page.evaluate(() =>
            [...document.querySelectorAll('.screen')]
                .filter((section) => !section.hidden)
                .map((section) => `${section.id}: ${section.innerText.slice(0, 300)}`)
                .join(' | '),
        );
        assert.fail(`expected the ${screen} screen; the page shows ${shown || 'nothing'}`);
    }
}

// The state list arrived from the server (the select is enabled and filled).
export async function waitForStates(page, timeoutMs = 15000) {
    try {
        await page.waitForFunction(
            () => {
                const select = document.getElementById('state');
                return !select.disabled && select.options.length > 1;
            },
            null,
            { timeout: timeoutMs },
        );
    } catch {
        assert.fail(
            `the state list never loaded; the select shows "${await textOf(page, '#state')}"`,
        );
    }
}

export async function fillIntake(page, state, patient = PATIENT) {
    await waitForStates(page);
    await page.selectOption('#state', state);
    await page.fill('#first-name', patient.firstName);
    await page.fill('#last-name', patient.lastName);
    await page.fill('#birth-month', patient.birthMonth);
    await page.fill('#birth-day', patient.birthDay);
    await page.fill('#birth-year', patient.birthYear);
    await page.fill('#reason', patient.reason);
    await page.fill('#contact', patient.contact);
    await page.check('#consent');
}

export async function visitToken(page) {
    return page.evaluate(() => sessionStorage.getItem('caredesk.visitToken'));
}

export function assertNoPageProblems(problems) {
    assert.deepEqual(problems.pageErrors, [], 'uncaught errors in the page');
    assert.deepEqual(problems.dialogs, [], 'the page opened a dialog (alert, confirm)');
    const policy = problems.consoleErrors.filter((text) => /Content.Security.Policy/i.test(text));
    assert.deepEqual(policy, [], 'the page broke its Content-Security-Policy');
}

// WCAG AA contrast of every visible piece of text on the page: 4.5:1, or 3:1
// for large text (24 px, or 18.67 px bold). Returns the failures.
export async function contrastFailures(page) {
    return page.evaluate(() => {
        const channels = (colour) => {
            const match = colour.match(/rgba?\(([^)]+)\)/);
            if (!match) {
                return null;
            }
            const [r, g, b, a = 1] = match[1]
                .split(/[ ,/]+/)
                .filter(Boolean)
                .map(Number);
            return { r, g, b, a };
        };
        const luminance = ({ r, g, b }) => {
            const linear = (value) => {
                const c = value / 255;
                return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
            };
            return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
        };
        const background = (element) => {
            for (let node = element; node; node = node.parentElement) {
                const colour = channels(getComputedStyle(node).backgroundColor);
                if (colour && colour.a > 0) {
                    return colour;
                }
            }
            return { r: 255, g: 255, b: 255, a: 1 };
        };
        const failures = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const element = node.parentElement;
            if (
                !node.textContent.trim() ||
                !element.checkVisibility?.() ||
                element.closest('.visually-hidden')
            ) {
                continue;
            }
            const style = getComputedStyle(element);
            const fg = channels(style.color);
            const bg = background(element);
            const [light, dark] = [luminance(fg), luminance(bg)].sort((x, y) => y - x);
            const ratio = (light + 0.05) / (dark + 0.05);
            const size = parseFloat(style.fontSize);
            const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
            if (ratio < (large ? 3 : 4.5)) {
                failures.push(`"${node.textContent.trim().slice(0, 40)}" ${ratio.toFixed(2)}:1`);
            }
        }
        return failures;
    });
}
