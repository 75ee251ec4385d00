// The patient page's pure modules (wording.js, intakeRules.js), run where they
// run for real: imported by Chromium from the page's own origin.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { launchChromium } from './support/browser.mjs';
import { requiredEnv } from './support/CareDeskServer.mjs';
import { ORIGIN, ScriptedServer } from './support/ScriptedServer.mjs';

let browser;
let context;
let page;

before(async () => {
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'en-US', timezoneId: 'America/Chicago' });
    await new ScriptedServer(join(requiredEnv('CAREDESK_SOURCE_DIR'), 'resources/web')).install(
        context,
    );
    page = await context.newPage();
    await page.goto(`${ORIGIN}/icon.svg`);
});

after(async () => {
    await browser?.close();
});

// Calls `name` from the page module `module` with each argument list.
async function call(module, name, argumentLists) {
    const results = await page.evaluate(
        async ([path, exported, lists]) => {
            const imported = await import(path);
            return lists.map((args) => imported[exported](...args));
        },
        [`/js/${module}`, name, argumentLists],
    );
    // Intl puts narrow no-break spaces in times; compare with plain spaces.
    return results.map((value) => (typeof value === 'string' ? value.replace(/\s/g, ' ') : value));
}

test('waits are rounded the way people say them', async () => {
    const cases = [
        [null, null],
        [-5, null],
        [0, 'less than a minute'],
        [59, 'less than a minute'],
        [60, 'about 1 minute'],
        [89, 'about 1 minute'],
        [90, 'about 2 minutes'],
        [9 * 60 + 29, 'about 9 minutes'],
        [10 * 60, 'about 10 minutes'],
        [22 * 60, 'about 20 minutes'],
        [23 * 60, 'about 25 minutes'],
        [57 * 60, 'about 55 minutes'],
        [58 * 60, 'about 1 hour'],
        [75 * 60, 'about 1 hour 15 minutes'],
        [2 * 3600, 'about 2 hours'],
        [156 * 60, 'about 2 hours 30 minutes'],
    ];
    const results = await call(
        'wording.js',
        'waitText',
        cases.map(([seconds]) => [seconds]),
    );
    assert.deepEqual(
        results,
        cases.map(([, text]) => text),
    );
});

test("moments are told in the reader's time zone, across daylight saving", async () => {
    const now = Date.UTC(2026, 2, 7, 18, 0); // Saturday noon in Chicago, the day before DST starts
    const cases = [
        [Date.UTC(2026, 2, 7, 22, 0), now, 'America/Chicago', 'today at 4:00 PM CST'],
        [Date.UTC(2026, 2, 8, 14, 0), now, 'America/Chicago', 'tomorrow at 9:00 AM CDT'],
        [Date.UTC(2026, 2, 10, 13, 0), now, 'America/Chicago', 'Tuesday, March 10 at 8:00 AM CDT'],
        // 04:30 UTC is still Saturday evening in Chicago, already Sunday in Berlin.
        [Date.UTC(2026, 2, 8, 4, 30), now, 'America/Chicago', 'today at 10:30 PM CST'],
        [Date.UTC(2026, 2, 8, 4, 30), now, 'Europe/Berlin', 'tomorrow at 5:30 AM GMT+1'],
        // Arizona keeps standard time all year.
        [
            Date.UTC(2026, 6, 1, 15, 0),
            Date.UTC(2026, 6, 1, 12, 0),
            'America/Phoenix',
            'today at 8:00 AM MST',
        ],
    ];
    const results = await call(
        'wording.js',
        'momentText',
        cases.map((row) => row.slice(0, 3)),
    );
    assert.deepEqual(
        results,
        cases.map((row) => row[3]),
    );

    // Without a zone: the browser's own (this context is in Chicago).
    const [own] = await call('wording.js', 'momentText', [[Date.UTC(2026, 2, 8, 14, 0), now]]);
    assert.equal(own, 'tomorrow at 9:00 AM CDT');
});

test('the state list marks closed and busy states', async () => {
    const now = Date.UTC(2026, 2, 7, 18, 0);
    const results = await call('wording.js', 'stateOptionText', [
        [{ code: 'WA', name: 'Washington', status: 'open' }, now, 'America/Chicago'],
        [{ code: 'CA', name: 'California', status: 'busy' }, now, 'America/Chicago'],
        [
            {
                code: 'NY',
                name: 'New York',
                status: 'closed',
                nextOpenAt: Date.UTC(2026, 2, 8, 13, 0),
            },
            now,
            'America/Chicago',
        ],
        [{ code: 'NY', name: 'New York', status: 'closed' }, now, 'America/Chicago'],
    ]);
    assert.deepEqual(results, [
        'Washington',
        'California (high demand)',
        'New York (closed now, opens tomorrow at 8:00 AM CDT)',
        'New York (closed now)',
    ]);
});

const TODAY = { year: 2026, month: 3, day: 7 };
const VALID = {
    state: 'WA',
    firstName: '  Maria ',
    lastName: 'Lopez',
    birthMonth: '4',
    birthDay: '27',
    birthYear: '1985',
    reason: 'Sore throat',
    contact: '+1 (206) 555-0100',
    consent: true,
};

async function errorsFor(changes) {
    const [result] = await call('intakeRules.js', 'checkIntake', [
        [{ ...VALID, ...changes }, ['WA', 'NY'], TODAY],
    ]);
    return result.errors;
}

test('a complete form becomes the visit_request body, trimmed', async () => {
    const [result] = await call('intakeRules.js', 'checkIntake', [[VALID, ['WA', 'NY'], TODAY]]);
    assert.deepEqual(result, {
        errors: {},
        request: {
            state: 'WA',
            firstName: 'Maria',
            lastName: 'Lopez',
            dateOfBirth: '1985-04-27',
            reason: 'Sore throat',
            contact: '+1 (206) 555-0100',
            consent: true,
        },
    });
});

test('each field is checked against the protocol limits', async () => {
    assert.deepEqual(Object.keys(await errorsFor({ state: 'ZZ' })), ['state']);
    assert.deepEqual(Object.keys(await errorsFor({ firstName: '   ' })), ['firstName']);
    assert.deepEqual(await errorsFor({ lastName: 'é'.repeat(50) }), {}, '100 bytes is the limit');
    assert.deepEqual(Object.keys(await errorsFor({ lastName: `${'é'.repeat(50)}a` })), [
        'lastName',
    ]);
    assert.deepEqual(await errorsFor({ reason: 'r'.repeat(1000) }), {});
    assert.deepEqual(Object.keys(await errorsFor({ reason: '€'.repeat(334) })), ['reason']);
    assert.deepEqual(Object.keys(await errorsFor({ contact: `${'a'.repeat(190)}@example.com` })), [
        'contact',
    ]);
    assert.deepEqual(Object.keys(await errorsFor({ consent: false })), ['consent']);
});

test('phone numbers and email addresses are told apart from anything else', async () => {
    const good = [
        '206 555 0100',
        '+44 20 7946 0958',
        '(206) 555-0100',
        'maria@example.com',
        'a.b+c@mail.example.org',
    ];
    const bad = ['12345', 'a@b', 'call me', '555-CALL-NOW', '1234567890123456'];
    assert.deepEqual(
        await call(
            'intakeRules.js',
            'looksLikeContact',
            good.map((text) => [text]),
        ),
        good.map(() => true),
    );
    assert.deepEqual(
        await call(
            'intakeRules.js',
            'looksLikeContact',
            bad.map((text) => [text]),
        ),
        bad.map(() => false),
    );
});

test('a date of birth must be a real date in the past', async () => {
    const cases = [
        [['2', '29', '2024'], '2024-02-29'],
        [['12', '31', '1900'], '1900-12-31'],
        [['3', '6', '2026'], '2026-03-06'],
        [['2', '29', '2023'], 'Enter a real date of birth, for example 4 27 1985.'],
        [['13', '1', '1990'], 'Enter a real date of birth, for example 4 27 1985.'],
        [['4', '31', '1990'], 'Enter a real date of birth, for example 4 27 1985.'],
        [['3', '7', '2026'], 'Your date of birth must be in the past.'],
        [['1', '1', '2030'], 'Your date of birth must be in the past.'],
        [['1', '1', '1899'], 'Check the year of your date of birth.'],
        [['1', '1', '85'], 'Enter your date of birth as numbers, for example 4 27 1985.'],
        [['April', '1', '1985'], 'Enter your date of birth as numbers, for example 4 27 1985.'],
        [['', '', ''], 'Enter your date of birth.'],
    ];
    const results = await call(
        'intakeRules.js',
        'checkDateOfBirth',
        cases.map(([parts]) => [...parts, TODAY]),
    );
    assert.deepEqual(
        results.map((result) => result.iso ?? result.error),
        cases.map(([, expected]) => expected),
    );
});

test('refusals and visit statuses have words for every value the protocol defines', async () => {
    const now = Date.UTC(2026, 2, 7, 18, 0);
    const refusals = await call('wording.js', 'refusalWording', [
        [
            { reason: 'closed', nextOpenAt: Date.UTC(2026, 2, 8, 13, 0) },
            'New York',
            now,
            'America/Chicago',
        ],
        [{ reason: 'at_capacity' }, 'Washington', now, 'America/Chicago'],
        [{ reason: 'busy', estimatedWaitSeconds: 3600 }, 'California', now, 'America/Chicago'],
    ]);
    assert.equal(refusals[0].text, 'They open again tomorrow at 8:00 AM CDT.');
    assert.equal(refusals[1].title, "Today's visits in Washington are full");
    assert.equal(refusals[1].detail, 'Please try again later.');
    assert.equal(refusals[2].detail, 'The current wait is about 1 hour.');

    const statuses = [
        'waiting',
        'ready',
        'assigned',
        'in_visit',
        'completed',
        'cancelled',
        'removed',
        'no_show',
        'left',
    ];
    const wordings = await call(
        'wording.js',
        'visitWording',
        statuses.map((status) => [
            {
                visitId: 1,
                state: 'WA',
                status,
                position: 1,
                estimatedWaitSeconds: 600,
                stateStatus: 'open',
            },
            'Washington',
        ]),
    );
    const finals = statuses.filter((_, i) => wordings[i].final);
    assert.deepEqual(finals, ['completed', 'cancelled', 'removed', 'no_show', 'left']);
    for (const [i, wording] of wordings.entries()) {
        assert.ok(wording.title, `${statuses[i]} has a title`);
    }
    assert.equal(wordings[2].title, 'A provider is getting ready');
    assert.equal(wordings[0].live, 'You are number 1 in line. Estimated wait: about 10 minutes.');
});
