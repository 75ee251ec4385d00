// The patient page in headless Chromium against a scripted server: every
// refusal reason, live updates in and out of order, final statuses, a dropped
// connection with backoff, and the server's own words kept as text.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { launchChromium } from './support/browser.mjs';
import { requiredEnv } from './support/CareDeskServer.mjs';
import {
    PATIENT,
    assertNoPageProblems,
    fillIntake,
    openPatientPage,
    textOf,
    visitToken,
    waitForScreen,
    waitForText,
} from './support/patientPage.mjs';
import { ORIGIN, ScriptedServer } from './support/ScriptedServer.mjs';

const TEST_TIMEOUT_MS = 60_000;
const webRoot = join(requiredEnv('CAREDESK_SOURCE_DIR'), 'resources/web');
const TOKEN = 'q8Xh2-Jm4aZrT0cVbN1yLkW5sDfGpE7uIo3vYtRnA6M';

let browser;

before(async () => {
    browser = await launchChromium();
});

after(async () => {
    await browser?.close();
});

async function scriptedPage() {
    const server = new ScriptedServer(webRoot);
    const opened = await openPatientPage(browser, ORIGIN, {}, (context) => server.install(context));
    return { server, ...opened };
}

function visit(fields = {}) {
    return {
        visitId: 41,
        state: 'WA',
        status: 'waiting',
        position: 3,
        estimatedWaitSeconds: 1500,
        stateStatus: 'open',
        ...fields,
    };
}

// The patient sends the form; the scripted server answers with `type` and `body`.
async function submitAnswered(server, page, type, body, state = 'WA') {
    server.answers.set('visit_request', (message, connection) =>
        server.reply(connection, message, type, body),
    );
    await fillIntake(page, state);
    await page.click('#submit');
}

function chicagoTime(epochMs) {
    const parts = new Intl.DateTimeFormat('en-US', {
        timeZone: 'America/Chicago',
        hour: 'numeric',
        minute: '2-digit',
    }).formatToParts(new Date(epochMs));
    const part = (type) => parts.find((item) => item.type === type).value;
    return `${part('hour')}:${part('minute')}`;
}

test(
    'the page says hello with its protocol range and sends the form as the protocol wants it',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
        const { server, context, page, problems } = await scriptedPage();
        try {
            const hello = await server.received(server.last, 'hello');
            assert.deepEqual(
                { ...hello.body, clientVersion: typeof hello.body.clientVersion },
                { minProtocol: 1, maxProtocol: 1, client: 'web', clientVersion: 'string' },
            );
            assert.equal(server.last.received[0].type, 'hello', 'hello is the first frame');
            await submitAnswered(server, page, 'visit_accepted', { token: TOKEN, visit: visit() });
            const request = await server.received(server.last, 'visit_request');
            assert.deepEqual(request.body, {
                state: 'WA',
                firstName: PATIENT.firstName,
                lastName: PATIENT.lastName,
                dateOfBirth: '1985-04-27',
                reason: PATIENT.reason,
                contact: PATIENT.contact,
                consent: true,
            });
            assert.match(request.id, /^[\x20-\x7e]{1,64}$/);
            await waitForScreen(page, 'waiting');
            assertNoPageProblems(problems);
        } finally {
            await context.close();
        }
    },
);

test('patient input is shown as text, never as markup', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { server, context, page, problems } = await scriptedPage();
    try {
        const firstName = '<img src=x onerror=alert(1)>';
        server.answers.set('visit_request', (message, connection) =>
            server.reply(connection, message, 'visit_accepted', { token: TOKEN, visit: visit() }),
        );
        await fillIntake(page, 'WA', { ...PATIENT, firstName });
        await page.click('#submit');
        await waitForText(page, '#waiting-greeting', `Thank you, ${firstName}.`);
        assert.equal(await page.locator('main img').count(), 0);
        assertNoPageProblems(problems);
    } finally {
        await context.close();
    }
});

test('each refusal reason has its own explanation', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { server, context, page, problems } = await scriptedPage();
    try {
        const opensAt = Date.now() + 26 * 3600 * 1000;
        await submitAnswered(server, page, 'intake_refused', {
            reason: 'at_capacity',
            message: 'Washington is full for today',
            nextOpenAt: opensAt,
        });
        await waitForScreen(page, 'refusal');
        await waitForText(page, '#refusal-title', "Today's visits in Washington are full");
        const detail = await waitForText(page, '#refusal-detail', 'Visits open again');
        assert.ok(detail.includes(chicagoTime(opensAt)), `"${detail}" is in the patient's time`);

        await page.click('#refusal-back');
        await waitForScreen(page, 'intake');
        await submitAnswered(server, page, 'intake_refused', {
            reason: 'busy',
            message: 'High demand',
            estimatedWaitSeconds: 2700,
        });
        await waitForScreen(page, 'refusal');
        await waitForText(page, '#refusal-title', 'High demand in Washington');
        await waitForText(page, '#refusal-text', 'Please try again in a few minutes.');
        await waitForText(page, '#refusal-detail', 'The current wait is about 45 minutes.');

        await page.click('#refusal-back');
        const closedAt = Date.now() + 3 * 3600 * 1000;
        await submitAnswered(
            server,
            page,
            'intake_refused',
            { reason: 'closed', message: 'Closed', nextOpenAt: closedAt },
            'NY',
        );
        await waitForText(page, '#refusal-title', 'Visits in New York are closed right now');
        const text = await waitForText(page, '#refusal-text', 'They open again');
        assert.ok(text.includes(chicagoTime(closedAt)), `"${text}" is in the patient's time`);

        // A reason this page does not know: the server's text, as text.
        await page.click('#refusal-back');
        await submitAnswered(server, page, 'intake_refused', {
            reason: 'maintenance',
            message: '<b>Back soon</b>',
        });
        await waitForText(page, '#refusal-text', '<b>Back soon</b>');
        assert.equal(await page.locator('#refusal-text b').count(), 0);
        assertNoPageProblems(problems);
    } finally {
        await context.close();
    }
});

test(
    'pushes update the waiting screen in order and stale ones are ignored',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
        const { server, context, page, problems } = await scriptedPage();
        try {
            await submitAnswered(server, page, 'visit_accepted', { token: TOKEN, visit: visit() });
            await waitForScreen(page, 'waiting');
            await waitForText(page, '#waiting-position', /^3$/);
            await waitForText(page, '#waiting-estimate', 'About 25 minutes');
            assert.equal(await visitToken(page), TOKEN);
            const connection = server.last;

            server.push(
                connection,
                'visit_status',
                { visit: visit({ position: 2, estimatedWaitSeconds: 900 }) },
                1,
            );
            await waitForText(page, '#waiting-position', /^2$/);
            await waitForText(page, '#waiting-estimate', 'About 15 minutes');
            await waitForText(
                page,
                '#waiting-live',
                'You are number 2 in line. Estimated wait: about 15 minutes.',
            );
            assert.equal(await page.getAttribute('#waiting-live', 'aria-live'), 'polite');

            // A replayed push and one for somebody else's visit change nothing;
            // the push after them shows they were read and skipped.
            await page.evaluate(() => {
                window.positionsShown = [];
                const position = document.getElementById('waiting-position');
                new MutationObserver(() =>
                    window.positionsShown.push(position.textContent),
                ).observe(position, { childList: true, characterData: true, subtree: true });
            });
            server.push(connection, 'visit_status', { visit: visit({ position: 5 }) }, 1);
            server.push(
                connection,
                'visit_status',
                { visit: visit({ visitId: 99, position: 7 }) },
                2,
            );
            server.push(
                connection,
                'visit_status',
                { visit: visit({ position: 2, estimatedWaitSeconds: 900, stateStatus: 'busy' }) },
                3,
            );
            await waitForText(page, '#waiting-demand', 'High demand in Washington');
            assert.equal(await textOf(page, '#waiting-position'), '2');
            const shown = await page.evaluate(() => window.positionsShown);
            assert.ok(!shown.includes('5') && !shown.includes('7'), `positions shown: ${shown}`);

            server.push(
                connection,
                'visit_status',
                {
                    visit: visit({
                        status: 'assigned',
                        position: null,
                        notice: 'Dr. Chen <will> join you',
                    }),
                },
                4,
            );
            await waitForText(page, '#waiting-title', 'A provider is getting ready');
            await waitForText(page, '#waiting-notice', 'Dr. Chen <will> join you');
            assert.ok(await page.locator('#waiting-figures').isHidden());

            server.push(connection, 'visit_status', { visit: visit({ status: 'completed' }) }, 5);
            await waitForScreen(page, 'final');
            await waitForText(page, '#final-title', 'Your visit is complete');
            assert.equal(await visitToken(page), null, 'a finished visit forgets its token');
            assertNoPageProblems(problems);
        } finally {
            await context.close();
        }
    },
);

test(
    'a dropped connection shows a banner, backs off, and resumes the visit',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
        const { server, context, page, problems } = await scriptedPage();
        try {
            await submitAnswered(server, page, 'visit_accepted', { token: TOKEN, visit: visit() });
            await waitForScreen(page, 'waiting');

            // The next two attempts fail right after hello; the third one works.
            let refusals = 2;
            server.answers.set('hello', (message, connection) => {
                if (refusals > 0) {
                    --refusals;
                    server.close(connection, 1011);
                    return;
                }
                server.answers.delete('hello');
                server.reply(connection, message, 'welcome', {
                    protocol: 1,
                    serverVersion: 'scripted',
                    maxMessageBytes: 65536,
                    serverTime: Date.now(),
                });
            });
            server.answers.set('visit_resume', (message, connection) =>
                server.reply(connection, message, 'visit_status', {
                    visit: visit({ position: 1, estimatedWaitSeconds: 240 }),
                }),
            );
            server.close(server.connections[0]);
            await page.locator('#connection-banner').waitFor({ state: 'visible' });
            assert.equal(await textOf(page, '#connection-banner'), 'Reconnecting…');

            const resumed = await server.connectionCount(4);
            const resume = await server.received(resumed, 'visit_resume');
            assert.deepEqual(resume.body, { token: TOKEN });
            await page.locator('#connection-banner').waitFor({ state: 'hidden' });
            await waitForText(page, '#waiting-position', /^1$/);
            await waitForText(page, '#waiting-estimate', 'About 4 minutes');

            // Each wait at least half of a doubling ceiling (500 ms, 1 s, 2 s).
            const waits = [1, 2, 3].map(
                (i) => server.connections[i].openedAt - server.connections[i - 1].closedAt,
            );
            assert.ok(waits[0] >= 200, `first retry after ${waits[0]} ms`);
            assert.ok(waits[1] >= 450, `second retry after ${waits[1]} ms`);
            assert.ok(waits[2] >= 950 && waits[2] < 5000, `third retry after ${waits[2]} ms`);
            assert.equal(page.url(), `${ORIGIN}/`);
            assertNoPageProblems(problems);
        } finally {
            await context.close();
        }
    },
);

test(
    'a reload resumes with the stored token; a dead token leads back to the form',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
        const { server, context, page, problems } = await scriptedPage();
        try {
            await submitAnswered(server, page, 'visit_accepted', { token: TOKEN, visit: visit() });
            await waitForScreen(page, 'waiting');
            server.answers.set('visit_resume', (message, connection) =>
                server.reply(connection, message, 'error', {
                    code: 'not_found',
                    message: 'no such visit',
                }),
            );
            await page.reload();
            const resume = await server.received(server.last, 'visit_resume');
            assert.equal(resume.body.token, TOKEN);
            await waitForScreen(page, 'intake');
            await waitForText(page, '#intake-notice', 'We could not find your earlier request');
            assert.equal(await visitToken(page), null);

            // A server that cannot answer right now is asked again; the token stays.
            await page.evaluate(
                (token) => sessionStorage.setItem('caredesk.visitToken', token),
                TOKEN,
            );
            let failures = 1;
            server.answers.set('visit_resume', (message, connection) => {
                if (failures-- > 0) {
                    server.reply(connection, message, 'error', {
                        code: 'unavailable',
                        message: 'database away',
                        retryAfterSeconds: 1,
                    });
                } else {
                    server.reply(connection, message, 'visit_status', { visit: visit() });
                }
            });
            await page.reload();
            await waitForText(
                page,
                '#loading-text',
                'We are having trouble reaching the care team',
            );
            assert.equal(await visitToken(page), TOKEN);
            await waitForScreen(page, 'waiting');
            await waitForText(page, '#waiting-position', /^3$/);

            // A visit that ended while the page was closed shows how it ended.
            await page.evaluate(
                (token) => sessionStorage.setItem('caredesk.visitToken', token),
                TOKEN,
            );
            server.answers.set('visit_resume', (message, connection) =>
                server.reply(connection, message, 'visit_status', {
                    visit: visit({
                        status: 'removed',
                        position: null,
                        notice: 'Seen at the clinic',
                    }),
                }),
            );
            await page.reload();
            await waitForScreen(page, 'final');
            await waitForText(page, '#final-title', 'Your request was closed');
            await waitForText(page, '#final-notice', 'Seen at the clinic');
            assert.equal(await visitToken(page), null);
            assertNoPageProblems(problems);
        } finally {
            await context.close();
        }
    },
);

test(
    'a field the server refuses is marked at that field',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
        const { server, context, page, problems } = await scriptedPage();
        try {
            await submitAnswered(server, page, 'error', {
                code: 'out_of_range',
                message: 'body.dateOfBirth must be a date in the past',
                field: 'body.dateOfBirth',
            });
            await waitForText(page, '#dateOfBirth-error', 'Check your date of birth');
            assert.equal(await page.getAttribute('#birth-month', 'aria-invalid'), 'true');
            await waitForScreen(page, 'intake');

            await submitAnswered(server, page, 'error', {
                code: 'unavailable',
                message: 'database away',
            });
            await waitForText(page, '#form-status', 'We are very busy right now');
            assert.equal(await page.isEnabled('#submit'), true, 'the patient can try again');
            assertNoPageProblems(problems);
        } finally {
            await context.close();
        }
    },
);

test(
    'cancel is confirmed first and its refusal is explained',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
        const { server, context, page, problems } = await scriptedPage();
        try {
            await submitAnswered(server, page, 'visit_accepted', { token: TOKEN, visit: visit() });
            await waitForScreen(page, 'waiting');
            server.answers.set('visit_cancel', (message, connection) =>
                server.reply(connection, message, 'error', {
                    code: 'invalid_transition',
                    message: 'visit is assigned, not waiting',
                }),
            );
            await page.click('#cancel-open');
            await page.click('#cancel-keep');
            await page.locator('#cancel-dialog').waitFor({ state: 'hidden' });
            assert.ok(
                !server.last.received.some((message) => message.type === 'visit_cancel'),
                'kept in line',
            );

            await page.click('#cancel-open');
            await page.click('#cancel-confirm');
            await waitForText(page, '#waiting-status', 'can no longer be cancelled');
            await waitForScreen(page, 'waiting');
            assertNoPageProblems(problems);
        } finally {
            await context.close();
        }
    },
);

test(
    'a server that speaks no common version asks for a reload and stops retrying',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
        const server = new ScriptedServer(webRoot);
        server.answers.set('hello', (message, connection) => {
            server.reply(connection, message, 'error', {
                code: 'unsupported_version',
                message: 'this server speaks 2..3',
            });
            server.close(connection, 4000);
        });
        const { context, page, problems } = await openPatientPage(browser, ORIGIN, {}, (c) =>
            server.install(c),
        );
        try {
            await waitForScreen(page, 'final');
            await waitForText(page, '#final-title', 'Please reload this page');
            await page.waitForTimeout(1500);
            assert.equal(server.connections.length, 1, 'no reconnect loop');
            assert.ok(await page.locator('#connection-banner').isHidden());
            assertNoPageProblems(problems);
        } finally {
            await context.close();
        }
    },
);
