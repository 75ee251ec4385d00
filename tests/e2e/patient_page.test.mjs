// The patient page in Debian's headless Chromium against the real
// caredesk-server binary with its demo data: intake, waiting, reload, cancel,
// refusal, a staff action seen live, reconnect after a server restart, and
// that patient input is never turned into markup.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { DESKTOP, PHONE, launchChromium } from './support/browser.mjs';
import { CareDeskServer, requiredEnv } from './support/CareDeskServer.mjs';
import {
    PATIENT,
    assertNoPageProblems,
    contrastFailures,
    fillIntake,
    openPatientPage,
    textOf,
    visitToken,
    waitForScreen,
    waitForStates,
    waitForText,
} from './support/patientPage.mjs';
import { ProtocolClient } from './support/ProtocolClient.mjs';

const TEST_TIMEOUT_MS = 120_000;
// Demo states with a licensed provider. The admin gives OPEN_STATE hours
// around the clock and OUTSIDE_HOURS_STATE one hour a day that is not now, so
// the tests do not depend on the time of day they run at.
const OPEN_STATE = 'WA';
const OUTSIDE_HOURS_STATE = 'OR';
const CLOSED_STATE = 'NY'; // closed by staff in the demo data
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

const sourceDir = requiredEnv('CAREDESK_SOURCE_DIR');
const server = new CareDeskServer({
    binary: requiredEnv('CAREDESK_SERVER_BINARY'),
    webRoot: join(sourceDir, 'resources/web'),
});
let browser;
let staffContext;
let staff;
let states = [];
let openState;

function stateNamed(code) {
    return states.find((state) => state.code === code);
}

// The hour of the day it is now in `timeZone`, 0..23.
function hourIn(timeZone) {
    const hour = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23' })
        .formatToParts(new Date())
        .find((part) => part.type === 'hour').value;
    return Number(hour);
}

// Saves `opening` for every weekday of the state, through the admin's message.
async function setDailyHours(code, opening) {
    const list = await staff.expect('state_settings_list', 'list_state_settings');
    const settings = list.body.states.find((state) => state.code === code);
    const weekly = Object.fromEntries(WEEKDAYS.map((day) => [day, [opening]]));
    const edit = {
        state: code,
        expectedVersion: settings.version,
        timeZone: settings.timeZone,
        enabled: true,
        weekly,
        closures: [],
        specialHours: [],
    };
    await staff.expect('state_settings_list', 'update_state_settings', edit);
    return settings.timeZone;
}

before(async () => {
    await server.start();
    browser = await launchChromium();
    staffContext = await browser.newContext();
    staff = await ProtocolClient.open(staffContext, server.baseUrl);
    await staff.login('admin', server.demoPassword());
    await setDailyHours(OPEN_STATE, { opens: '00:00', closes: '00:00' });
    const zone = (await staff.expect('state_settings_list', 'list_state_settings')).body.states.find(
        (state) => state.code === OUTSIDE_HOURS_STATE,
    ).timeZone;
    const later = String((hourIn(zone) + 3) % 24).padStart(2, '0');
    const end = String((hourIn(zone) + 4) % 24).padStart(2, '0');
    await setDailyHours(OUTSIDE_HOURS_STATE, { opens: `${later}:00`, closes: `${end}:00` });
    states = (await staff.expect('state_list', 'list_states')).body.states;
    openState = OPEN_STATE;
    assert.equal(stateNamed(OPEN_STATE)?.status, 'open', JSON.stringify(states));
    assert.equal(stateNamed(OUTSIDE_HOURS_STATE)?.status, 'closed', JSON.stringify(states));
    // Providers on shift, so that the open states have room for a visit.
    for (const username of ['dr.chen', 'dr.okafor']) {
        const provider = await ProtocolClient.open(staffContext, server.baseUrl);
        await provider.login(username, server.demoPassword());
        await provider.succeed('set_availability', { status: 'available' });
    }
});

after(async () => {
    await browser?.close();
    await server.stop();
    server.removeData();
});

async function requestVisit(page, state = openState, patient = PATIENT) {
    await fillIntake(page, state, patient);
    await page.click('#submit');
}

async function cancelVisit(page) {
    await page.click('#cancel-open');
    await page.locator('#cancel-dialog').waitFor({ state: 'visible' });
    await page.click('#cancel-confirm');
    await waitForScreen(page, 'final');
    await waitForText(page, '#final-title', 'Your request is cancelled');
}

test(
    'the state list marks closed states with their next opening',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
        const { context, page, problems } = await openPatientPage(browser, server.baseUrl);
        try {
            await waitForScreen(page, 'intake');
            await waitForStates(page);
            const options = await page.locator('#state option').allTextContents();
            assert.equal(options.length, states.length + 1, 'one option per state plus the prompt');
            const closed = stateNamed(CLOSED_STATE);
            const closedText = options.find((text) => text.startsWith(closed.name));
            assert.match(closedText, /\(closed now/);
            await page.selectOption('#state', CLOSED_STATE);
            await waitForText(page, '#state-note', `Visits in ${closed.name} are closed now`);
            assert.ok(
                options.includes(stateNamed(openState).name),
                'an open state is listed by its plain name',
            );
            assertNoPageProblems(problems);
        } finally {
            await context.close();
        }
    },
);

test(
    'wrong answers are explained next to their fields before anything is sent',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
        const { context, page, problems } = await openPatientPage(browser, server.baseUrl);
        try {
            await waitForStates(page);
            await page.click('#submit');
            await page.locator('#error-summary').waitFor({ state: 'visible' });
            assert.equal(await page.evaluate(() => document.activeElement.id), 'error-summary');
            assert.equal(await page.locator('#error-summary-list li').count(), 7);
            for (const field of [
                'state',
                'firstName',
                'lastName',
                'dateOfBirth',
                'reason',
                'contact',
                'consent',
            ]) {
                assert.ok(
                    await page.locator(`#${field}-error`).isVisible(),
                    `${field} shows its error`,
                );
            }
            assert.equal(await page.getAttribute('#first-name', 'aria-invalid'), 'true');

            // Limits count UTF-8 bytes, as the protocol does: 26 emoji are 104 bytes.
            await page.fill('#first-name', '😀'.repeat(26));
            await waitForText(page, '#firstName-error', 'at most 100 characters');
            await page.fill('#first-name', 'é'.repeat(50)); // exactly 100 bytes
            await page.locator('#firstName-error').waitFor({ state: 'hidden' });

            await page.fill('#birth-month', '2');
            await page.fill('#birth-day', '30');
            await page.fill('#birth-year', '1990');
            await waitForText(page, '#dateOfBirth-error', 'Enter a real date of birth');
            await page.fill('#birth-day', '3');
            await page.fill('#birth-year', String(new Date().getFullYear() + 1));
            await waitForText(page, '#dateOfBirth-error', 'must be in the past');

            await page.fill('#contact', 'call me');
            await waitForText(page, '#contact-error', 'Enter a phone number like');
            await page.fill('#contact', 'maria@example.com');
            await page.locator('#contact-error').waitFor({ state: 'hidden' });

            // A link in the summary takes the patient to the field.
            await page.click('#error-summary-list a[href="#reason"]');
            assert.equal(await page.evaluate(() => document.activeElement.id), 'reason');
            await waitForScreen(page, 'intake');
            assertNoPageProblems(problems);
        } finally {
            await context.close();
        }
    },
);

test(
    'an open state takes the visit; a reload finds it again; cancel ends it',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
        const { context, page, problems } = await openPatientPage(browser, server.baseUrl);
        try {
            await requestVisit(page);
            await waitForScreen(page, 'waiting');
            await waitForText(page, '#waiting-position', /^1$/);
            await waitForText(
                page,
                '#waiting-estimate',
                /^(About \d|Less than a minute|Being worked out)/,
            );
            await waitForText(page, '#waiting-greeting', `Thank you, ${PATIENT.firstName}.`);
            await waitForText(page, '#waiting-live', /You are number 1 in line/);
            const reference = await textOf(page, '#waiting-reference');
            assert.match(reference, /^\d+$/);
            const token = await visitToken(page);
            assert.ok(token, 'the visit token is kept in sessionStorage');
            assert.equal(page.url(), `${server.baseUrl}/`, 'nothing is added to the address');
            assert.deepEqual(await contrastFailures(page), [], 'waiting screen contrast');

            await page.reload();
            await waitForScreen(page, 'waiting');
            await waitForText(page, '#waiting-reference', reference);
            await waitForText(page, '#waiting-position', /^1$/);
            assert.equal(await visitToken(page), token);
            assert.ok(!page.url().includes(token), 'the token never appears in the address');

            await cancelVisit(page);
            assert.equal(await visitToken(page), null, 'a finished visit forgets its token');
            await page.reload();
            await waitForScreen(page, 'intake');
            assertNoPageProblems(problems);
        } finally {
            await context.close();
        }
    },
);

function chicagoTime(epochMs) {
    const parts = new Intl.DateTimeFormat('en-US', {
        timeZone: 'America/Chicago',
        hour: 'numeric',
        minute: '2-digit',
    }).formatToParts(new Date(epochMs));
    const part = (type) => parts.find((item) => item.type === type).value;
    return `${part('hour')}:${part('minute')}`;
}

// The patient asks for a visit in `code`, which is closed, and sees the closed
// refusal; when the server knows the next opening, it is in the patient's time.
async function expectClosedRefusal(t, code) {
    const { context, page, problems } = await openPatientPage(browser, server.baseUrl);
    try {
        const state = stateNamed(code);
        await requestVisit(page, code);
        await waitForScreen(page, 'refusal');
        await waitForText(page, '#refusal-title', `Visits in ${state.name} are closed right now`);
        const refusal = problems.received.find((message) => message.type === 'intake_refused');
        assert.equal(refusal?.body?.reason, 'closed');
        const text = await textOf(page, '#refusal-text');
        if (typeof refusal.body.nextOpenAt === 'number') {
            // The patient is in Chicago: the time is theirs, not the state's.
            const time = chicagoTime(refusal.body.nextOpenAt);
            assert.ok(text.includes(time) && /C[SD]T/.test(text), `"${text}" shows ${time} CT`);
        } else {
            assert.equal(text, 'Please try again later.');
        }
        t.diagnostic(`${code}: ${text}`);
        assert.equal(await visitToken(page), null);

        // Back to the form with the answers still there.
        await page.click('#refusal-back');
        await waitForScreen(page, 'intake');
        assert.equal(await page.inputValue('#first-name'), PATIENT.firstName);
        assertNoPageProblems(problems);
    } finally {
        await context.close();
    }
}

test('a state closed by staff is refused as closed', { timeout: TEST_TIMEOUT_MS }, async (t) =>
    expectClosedRefusal(t, CLOSED_STATE),
);

test(
    "a state outside its hours is refused with its next opening in the patient's time",
    { timeout: TEST_TIMEOUT_MS },
    async (t) => {
        await expectClosedRefusal(t, OUTSIDE_HOURS_STATE);
        const refusalTime = stateNamed(OUTSIDE_HOURS_STATE).nextOpenAt;
        assert.equal(typeof refusalTime, 'number', 'the next opening is known');
    },
);

test(
    'a visit staff filed opens from its link, and the token leaves the address',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
        const filed = await staff.expect('visit_accepted', 'file_visit', {
            state: openState,
            firstName: 'Ana',
            lastName: 'Reyes',
            dateOfBirth: '1990-06-15',
            reason: 'Called the nurse line',
            contact: '+1 206 555 0199',
            consent: true,
            priority: 1,
        });
        const { token, visit } = filed.body;
        const { context, page, problems } = await openPatientPage(browser, server.baseUrl);
        try {
            await page.goto('about:blank');
            await page.goto(`${server.baseUrl}/#visit=${token}`);
            await waitForScreen(page, 'waiting');
            await waitForText(page, '#waiting-reference', String(visit.visitId));
            assert.equal(page.url(), `${server.baseUrl}/`, 'the link token is gone from the address');
            assert.equal(await visitToken(page), token, 'and kept in sessionStorage');
            await page.reload();
            await waitForScreen(page, 'waiting');
            await waitForText(page, '#waiting-reference', String(visit.visitId));
            await cancelVisit(page);

            // A link with something else than a token opens the form and is dropped too.
            await page.goto('about:blank');
            await page.goto(`${server.baseUrl}/#visit=<b>not-a-token</b>`);
            await waitForScreen(page, 'intake');
            assert.equal(page.url(), `${server.baseUrl}/`);
            assert.equal(await visitToken(page), null);
            assertNoPageProblems(problems);
        } finally {
            await context.close();
        }
    },
);

test('a name that looks like markup is shown as text', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { context, page, problems } = await openPatientPage(browser, server.baseUrl);
    const requested = [];
    page.on('request', (request) => requested.push(request.url()));
    try {
        const firstName = '<img src=x onerror=alert(1)>';
        await requestVisit(page, openState, {
            ...PATIENT,
            firstName,
            lastName: '<script>alert(2)</script>',
        });
        await waitForScreen(page, 'waiting');
        const greeting = await waitForText(page, '#waiting-greeting', `Thank you, ${firstName}.`);
        assert.ok(greeting.startsWith(`Thank you, ${firstName}.`));
        const images = await page.evaluate(() =>
            [...document.querySelectorAll('img')].map((image) => image.getAttribute('src')),
        );
        assert.deepEqual(images, ['icon.svg'], 'no image element came from the name');
        assert.equal(await page.locator('main script').count(), 0);
        assert.ok(!requested.some((url) => url.endsWith('/x')), 'the browser never fetched "x"');
        await cancelVisit(page);
        assertNoPageProblems(problems);
    } finally {
        await context.close();
    }
});

test('the whole visit works with the keyboard alone', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { context, page, problems } = await openPatientPage(browser, server.baseUrl);
    try {
        await waitForStates(page);
        const unlabelled = await page.evaluate(() =>
            [...document.querySelectorAll('input, select, textarea')]
                .filter((control) => control.labels.length === 0)
                .map((control) => control.id),
        );
        assert.deepEqual(unlabelled, [], 'every control has a label');
        assert.deepEqual(await contrastFailures(page), [], 'intake screen contrast');

        const tab = async (expectedId) => {
            await page.keyboard.press('Tab');
            const focused = await page.evaluate(() => {
                const element = document.activeElement;
                return { id: element.id, outline: getComputedStyle(element).outlineStyle };
            });
            assert.equal(focused.id, expectedId, 'focus order');
            assert.notEqual(focused.outline, 'none', `${expectedId} shows where the focus is`);
        };
        await page.keyboard.press('Tab'); // the skip link
        await tab('state');
        const target = stateNamed(openState).name;
        for (
            let i = 0;
            i < states.length + 1 && (await page.inputValue('#state')) !== openState;
            ++i
        ) {
            await page.keyboard.press('ArrowDown');
        }
        assert.equal(
            await page.inputValue('#state'),
            openState,
            `chose ${target} with the arrow keys`,
        );
        await tab('first-name');
        await page.keyboard.type('Sam');
        await tab('last-name');
        await page.keyboard.type('Keys');
        await tab('birth-month');
        await page.keyboard.type('12');
        await tab('birth-day');
        await page.keyboard.type('1');
        await tab('birth-year');
        await page.keyboard.type('1970');
        await tab('reason');
        await page.keyboard.type('Rash on my arm');
        await tab('contact');
        await page.keyboard.type('sam@example.com');
        await tab('consent');
        await page.keyboard.press('Space');
        await tab('submit');
        await page.keyboard.press('Enter');
        await waitForScreen(page, 'waiting');
        await waitForText(page, '#waiting-position', /^1$/);

        // Cancel: the dialog opens on the safe choice.
        await page.keyboard.press('Tab');
        assert.equal(await page.evaluate(() => document.activeElement.id), 'cancel-open');
        await page.keyboard.press('Enter');
        await page.locator('#cancel-dialog').waitFor({ state: 'visible' });
        assert.equal(await page.evaluate(() => document.activeElement.id), 'cancel-keep');
        await page.keyboard.press('Enter');
        await page.locator('#cancel-dialog').waitFor({ state: 'hidden' });
        await waitForScreen(page, 'waiting');
        await page.keyboard.press('Enter'); // focus went back to "Cancel my request"
        await page.locator('#cancel-dialog').waitFor({ state: 'visible' });
        await page.keyboard.press('Shift+Tab');
        assert.equal(await page.evaluate(() => document.activeElement.id), 'cancel-confirm');
        await page.keyboard.press('Enter');
        await waitForScreen(page, 'final');
        await waitForText(page, '#final-title', 'Your request is cancelled');
        assertNoPageProblems(problems);
    } finally {
        await context.close();
    }
});

test(
    'what staff do shows on the waiting screen at once',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
        const { context, page, problems } = await openPatientPage(browser, server.baseUrl);
        try {
            await requestVisit(page);
            await waitForScreen(page, 'waiting');
            const visitId = Number(await waitForText(page, '#waiting-reference', /^\d+$/));
            assert.ok(await page.locator('#waiting-demand').isHidden());
            try {
                await staff.succeed('set_state_status', { state: openState, status: 'busy' });
                await waitForText(page, '#waiting-demand', 'High demand');
            } finally {
                await staff.succeed('set_state_status', { state: openState, status: 'open' });
            }
            await page.locator('#waiting-demand').waitFor({ state: 'hidden' });

            await staff.succeed('remove_visit', {
                visitId,
                reason: 'Asked by phone to be removed',
            });
            await waitForScreen(page, 'final');
            await waitForText(page, '#final-title', 'Your request was closed');
            assert.equal(await visitToken(page), null);
            assertNoPageProblems(problems);
        } finally {
            await context.close();
        }
    },
);

test('phone and desktop screenshots', { timeout: TEST_TIMEOUT_MS }, async (t) => {
    const folder =
        process.env.CAREDESK_UPDATE_SCREENSHOTS === '1'
            ? join(sourceDir, 'docs/screenshots')
            : mkdtempSync(join(tmpdir(), 'caredesk-screenshots-'));
    mkdirSync(folder, { recursive: true });
    for (const [device, options] of [
        ['mobile', PHONE],
        ['desktop', DESKTOP],
    ]) {
        const { context, page, problems } = await openPatientPage(browser, server.baseUrl, options);
        try {
            await waitForStates(page);
            assert.equal(
                await page.evaluate(() => document.documentElement.scrollWidth),
                options.viewport.width,
                `${device}: nothing sticks out sideways`,
            );
            await page.screenshot({
                path: join(folder, `patient-intake-${device}.png`),
                fullPage: true,
            });
            await requestVisit(page);
            await waitForScreen(page, 'waiting');
            await waitForText(page, '#waiting-position', /^1$/);
            await page.screenshot({
                path: join(folder, `patient-waiting-${device}.png`),
                fullPage: true,
            });
            await cancelVisit(page);
            assertNoPageProblems(problems);
        } finally {
            await context.close();
        }
    }
    t.diagnostic(`screenshots in ${folder}`);
});

// Last: it restarts the server, which ends the staff connection.
test(
    'the page reconnects by itself and finds its visit after a server restart',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
        const { context, page, problems } = await openPatientPage(browser, server.baseUrl);
        try {
            await requestVisit(page);
            await waitForScreen(page, 'waiting');
            const reference = await waitForText(page, '#waiting-reference', /^\d+$/);
            assert.ok(await page.locator('#connection-banner').isHidden());

            await server.stop();
            await page.locator('#connection-banner').waitFor({ state: 'visible', timeout: 10000 });
            await waitForText(page, '#connection-banner', 'Reconnecting');
            await waitForScreen(page, 'waiting'); // what the patient saw stays on screen

            await server.start();
            await page.locator('#connection-banner').waitFor({ state: 'hidden', timeout: 45000 });
            await waitForScreen(page, 'waiting');
            await waitForText(page, '#waiting-reference', reference);
            await waitForText(page, '#waiting-position', /^1$/);
            await cancelVisit(page);
            assertNoPageProblems(problems);
        } finally {
            await context.close();
        }
    },
);
