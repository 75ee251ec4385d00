// The patient's chat on the waiting screen, in Debian's headless Chromium
// against the real caredesk-server, with a support caregiver on a raw
// protocol connection: messages both ways, notes that stay with staff, text
// that never becomes markup, "Seen", and nothing lost or doubled across a
// reload, a dropped acknowledgement and a connection that is down.

import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import { DESKTOP, PHONE, launchChromium } from './support/browser.mjs';
import { CareDeskServer, requiredEnv } from './support/CareDeskServer.mjs';
import { openAroundTheClock, providersOnShift } from './support/demoQueue.mjs';
import {
    PATIENT,
    assertNoPageProblems,
    contrastFailures,
    fillIntake,
    openPatientPage,
    waitForScreen,
    waitForText,
} from './support/patientPage.mjs';
import { ProtocolClient } from './support/ProtocolClient.mjs';
import { SocketGate } from './support/SocketGate.mjs';

const TEST_TIMEOUT_MS = 180_000;
const OPEN_STATE = 'WA';
const OUTBOX_KEY = 'caredesk.chatOutbox';

const sourceDir = requiredEnv('CAREDESK_SOURCE_DIR');
const server = new CareDeskServer({
    binary: requiredEnv('CAREDESK_SERVER_BINARY'),
    webRoot: join(sourceDir, 'resources/web'),
});
let browser;
let staffContext;
let caregiver; // support staff: "sam" of the demo data

before(async () => {
    await server.start();
    browser = await launchChromium();
    staffContext = await browser.newContext();
    const admin = await ProtocolClient.open(staffContext, server.baseUrl);
    await admin.login('admin', server.demoPassword());
    await openAroundTheClock(admin, OPEN_STATE);
    await providersOnShift(staffContext, server.baseUrl, server.demoPassword());
    caregiver = await ProtocolClient.open(staffContext, server.baseUrl);
    await caregiver.login('sam', server.demoPassword());
});

after(async () => {
    await browser?.close();
    await server.stop();
    server.removeData();
});

// --- the patient's side ------------------------------------------------------------

async function startVisit(page) {
    await fillIntake(page, OPEN_STATE);
    await page.click('#submit');
    await waitForScreen(page, 'waiting');
    await page.locator('#chat').waitFor({ state: 'visible' });
    return Number(await waitForText(page, '#waiting-reference', /^\d+$/));
}

async function write(page, text) {
    await page.fill('#chat-input', text);
    await page.press('#chat-input', 'Enter');
}

// What the chat log shows, in order: one row per message element.
async function shownMessages(page) {
    return page.evaluate(() =>
        [...document.querySelectorAll('#chat-log .chat-message')].map((node) => ({
            seq: node.dataset.seq ? Number(node.dataset.seq) : null,
            state: node.dataset.state,
            own: node.classList.contains('chat-own'),
            team: node.classList.contains('chat-team'),
            system: node.classList.contains('chat-system'),
            author: node.querySelector('.chat-author')?.textContent ?? '',
            body: node.querySelector('.chat-body').textContent,
            meta: node.querySelector('.chat-meta').textContent,
        })),
    );
}

// Waits until the log shows a message with `body` that matches `condition`.
async function waitForMessage(page, body, condition = () => true, timeoutMs = 15000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const shown = await shownMessages(page);
        const found = shown.find((message) => message.body === body && condition(message));
        if (found) {
            return found;
        }
        if (Date.now() > deadline) {
            assert.fail(`the chat never showed "${body}" as expected: ${JSON.stringify(shown)}`);
        }
        await sleep(100);
    }
}

// Every stored message is shown once, in seq order, and nothing is pending.
async function assertEachOnceInOrder(page, bodies) {
    const shown = await shownMessages(page);
    const seqs = shown.map((message) => message.seq);
    assert.ok(
        seqs.every((seq) => Number.isSafeInteger(seq)),
        `every message is stored: ${JSON.stringify(shown)}`,
    );
    assert.equal(new Set(seqs).size, seqs.length, `no seq shown twice: ${seqs}`);
    assert.deepEqual(
        [...seqs].sort((a, b) => a - b),
        seqs,
        'messages are shown in seq order',
    );
    const texts = shown.filter((message) => !message.system).map((message) => message.body);
    assert.deepEqual(texts, bodies);
}

async function outbox(page) {
    return page.evaluate((key) => JSON.parse(sessionStorage.getItem(key) ?? '[]'), OUTBOX_KEY);
}

// --- the care team's side ------------------------------------------------------------

// The whole thread as staff see it.
async function staffThread(visitId) {
    const reply = await caregiver.expect('chat_history', 'chat_page', {
        visitId,
        afterSeq: 0,
        limit: 200,
    });
    return reply.body;
}

async function staffWaitFor(visitId, condition, what, timeoutMs = 15000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const thread = await staffThread(visitId);
        if (condition(thread)) {
            return thread;
        }
        if (Date.now() > deadline) {
            assert.fail(`staff never saw ${what}: ${JSON.stringify(thread)}`);
        }
        await sleep(150);
    }
}

function patientTexts(thread) {
    return thread.messages.filter((message) => message.sender === 'patient');
}

let nextStaffId = 1;
// Sends as the caregiver, waiting out the staff rate limit like the console does.
async function staffSend(visitId, body, kind = 'text') {
    const clientMessageId = `staff-${process.pid}-${nextStaffId++}`;
    const message = { visitId, clientMessageId, kind, body };
    for (;;) {
        const reply = await caregiver.request('chat_send', message);
        if (reply.type === 'chat_ack') {
            return reply.body.seq;
        }
        assert.equal(reply.body?.code, 'throttled', JSON.stringify(reply));
        await sleep(1000 * reply.body.retryAfterSeconds);
    }
}

async function cancelVisit(page) {
    await page.click('#cancel-open');
    await page.click('#cancel-confirm');
    await waitForScreen(page, 'final');
}

test('the chat keeps each message once, in seq order', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { context, page } = await openPatientPage(browser, server.baseUrl);
    try {
        const result = await page.evaluate(async () => {
            const { ChatThread, characterCount } = await import('/js/ChatThread.js');
            const { ChatOutbox, newClientMessageId, isClientMessageId } = await import(
                '/js/chatOutbox.js'
            );
            const { counterText } = await import('/js/chatWording.js');
            const thread = new ChatThread(9);
            const entry = (seq, sender, body, clientMessageId = '') => ({
                seq,
                sender,
                body,
                clientMessageId,
                kind: 'text',
                sentAt: 0,
            });
            thread.addPending('mine-1', 'first');
            thread.addPending('mine-2', 'second');
            const added = [
                thread.add(entry(3, 'caregiver', 'answer')),
                thread.add(entry(3, 'caregiver', 'answer')), // the same push again
                thread.add({ ...entry(4, 'caregiver', 'note'), kind: 'note' }),
                thread.add(entry(1, 'patient', 'first', 'mine-1')), // its push beat its ack
            ];
            thread.acknowledge({ clientMessageId: 'mine-1', seq: 1, sentAt: 0 });
            thread.acknowledge({ clientMessageId: 'mine-2', seq: 5, sentAt: 0 });
            const order = thread.items().map(({ entry: e, item }) => (e ? e.seq : item.body));
            thread.staffReadSeq = 5;
            const memory = new Map();
            const storage = {
                getItem: (key) => memory.get(key) ?? null,
                setItem: (key, value) => memory.set(key, value),
                removeItem: (key) => memory.delete(key),
            };
            const outbox = new ChatOutbox(storage);
            outbox.add(9, 'a', 'one');
            outbox.add(8, 'b', 'old visit');
            outbox.add(9, 'c', 'two');
            outbox.keepOnly(9);
            outbox.remove('a');
            const fallback = newClientMessageId({
                getRandomValues: (bytes) => crypto.getRandomValues(bytes),
            });
            return {
                added,
                order,
                seen: [thread.isSeen(5), thread.isSeen(1)],
                pending: thread.pendingMessages.length,
                outbox: new ChatOutbox(storage).messagesOf(9).map((item) => item.body),
                ids: [newClientMessageId(), fallback].map(isClientMessageId),
                emoji: characterCount('😀'.repeat(3)),
                counter: [counterText(100), counterText(3999), counterText(4001)],
            };
        });
        assert.deepEqual(result.added, [true, false, false, true]);
        assert.deepEqual(result.order, [1, 3, 5]);
        assert.deepEqual(result.seen, [true, false], '"Seen" only under the newest own message');
        assert.equal(result.pending, 0);
        assert.deepEqual(result.outbox, ['two']);
        assert.deepEqual(result.ids, [true, true]);
        assert.equal(result.emoji, 3, 'characters are code points, as the server counts');
        assert.deepEqual(result.counter, [
            '',
            '1 character left',
            '1 character too many. Please shorten your message.',
        ]);
    } finally {
        await context.close();
    }
});

test(
    'the patient and the care team chat; notes stay with staff; text is never markup',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
        const { context, page, problems } = await openPatientPage(browser, server.baseUrl);
        const requested = [];
        page.on('request', (request) => requested.push(request.url()));
        try {
            const visitId = await startVisit(page);
            assert.equal(await page.getAttribute('#chat-log', 'role'), 'log');
            assert.equal(await page.getAttribute('#chat-log', 'aria-live'), 'polite');
            assert.ok(await page.locator('#chat-send').isDisabled(), 'nothing to send yet');
            await page.press('#chat-input', 'Enter');
            await caregiver.expect('chat_history', 'chat_open', { visitId, limit: 50 });

            // The patient writes; it shows at once and reaches the care team once.
            await write(page, 'Hello, is it much longer?');
            const mine = await waitForMessage(page, 'Hello, is it much longer?', (m) => m.own);
            assert.ok(['sending', 'sent'].includes(mine.state), mine.state);
            const stored = await waitForMessage(page, 'Hello, is it much longer?', (m) => m.seq);
            assert.match(stored.meta, /\d{1,2}:\d{2}\s?[AP]M/, 'a time in the patient zone');
            assert.equal(await page.inputValue('#chat-input'), '', 'the box is emptied');
            const thread = await staffWaitFor(
                visitId,
                (t) => patientTexts(t).length === 1,
                'the patient message',
            );
            assert.equal(patientTexts(thread)[0].body, 'Hello, is it much longer?');
            assert.equal(patientTexts(thread)[0].seq, stored.seq);

            // Shift+Enter makes a new line, Enter sends both lines as one message.
            await page.fill('#chat-input', 'Line one');
            await page.press('#chat-input', 'Shift+Enter');
            await page.type('#chat-input', 'Line two');
            await page.press('#chat-input', 'Enter');
            await waitForMessage(page, 'Line one\nLine two', (m) => m.seq);

            // The care team answers; a note in between never reaches the patient.
            await caregiver.succeed('chat_typing', { visitId });
            await waitForText(page, '#chat-typing', 'Care team is typing');
            const note = 'Staff only: check the insurance card';
            await staffSend(visitId, note, 'note');
            const answerSeq = await staffSend(visitId, 'Hi Maria, you are next in line.');
            const answer = await waitForMessage(page, 'Hi Maria, you are next in line.');
            assert.equal(answer.seq, answerSeq);
            assert.ok(answer.team && answer.author === 'Care team', JSON.stringify(answer));
            // A message from the care team ends their "typing".
            await page.waitForFunction(
                () => document.getElementById('chat-typing').textContent === '',
            );
            assert.ok(!(await page.locator('#chat').innerText()).includes(note));
            assert.ok(
                !problems.received.some((message) => JSON.stringify(message).includes(note)),
                'the note was never sent to the patient',
            );

            // Markup from either side is shown as the characters typed.
            const staffMarkup = '<img src=x onerror=alert(1)>';
            await staffSend(visitId, staffMarkup);
            await write(page, '<b>bold</b> & <script>alert(2)</script>');
            await waitForMessage(page, staffMarkup, (m) => m.team);
            await waitForMessage(page, '<b>bold</b> & <script>alert(2)</script>', (m) => m.seq);
            const created = await page.evaluate(() => ({
                images: document.querySelectorAll('#chat img').length,
                bold: document.querySelectorAll('#chat b').length,
                scripts: document.querySelectorAll('#chat script').length,
            }));
            assert.deepEqual(created, { images: 0, bold: 0, scripts: 0 });
            assert.ok(!requested.some((url) => url.endsWith('/x')), 'the browser never fetched x');

            // The patient has read the answer: the care team learns it.
            await staffWaitFor(
                visitId,
                (t) => t.patientReadSeq >= answerSeq,
                'the patient read position move',
            );

            // "Seen" under the newest own message once staff read it.
            const newestOwn = Math.max(
                ...(await shownMessages(page)).filter((m) => m.own).map((m) => m.seq),
            );
            const seenReceipts = page.locator('#chat-log .chat-receipt', { hasText: 'Seen' });
            assert.equal(await seenReceipts.count(), 0);
            await caregiver.succeed('chat_read', { visitId, seq: newestOwn });
            await waitForText(page, `#chat-log [data-seq="${newestOwn}"] .chat-receipt`, 'Seen');
            assert.equal(await seenReceipts.count(), 1, 'only under the newest own message');

            // The patient typing reaches the care team, at most every 3 seconds.
            await sleep(3100);
            const typingBefore = (await caregiver.pushes('chat_typing')).length;
            await page.fill('#chat-input', 'Thanks');
            await page.type('#chat-input', '!');
            await staffWaitForPush('chat_typing', typingBefore, (m) => m.body.from === 'patient');
            assert.equal(
                (await caregiver.pushes('chat_typing')).length,
                typingBefore + 1,
                'one typing message for a burst of keys',
            );
            await page.press('#chat-input', 'Enter');
            await waitForMessage(page, 'Thanks!', (m) => m.seq);

            // The counter near the limit, and a message too long cannot be sent.
            await page.fill('#chat-input', 'a'.repeat(3990));
            await waitForText(page, '#chat-counter', '10 characters left');
            await page.fill('#chat-input', '😀'.repeat(4001));
            await waitForText(page, '#chat-counter', '1 character too many');
            assert.ok(await page.locator('#chat-send').isDisabled());
            await page.fill('#chat-input', '');

            assert.deepEqual(await contrastFailures(page), [], 'chat contrast');
            const labels = await page.evaluate(
                () => document.getElementById('chat-input').labels.length,
            );
            assert.equal(labels, 1, 'the message box has a label');
            await assertEachOnceInOrder(page, [
                'Hello, is it much longer?',
                'Line one\nLine two',
                'Hi Maria, you are next in line.',
                staffMarkup,
                '<b>bold</b> & <script>alert(2)</script>',
                'Thanks!',
            ]);

            // The visit ends: the chat stays readable and takes nothing more.
            await cancelVisit(page);
            await page.locator('#chat-closed').waitFor({ state: 'visible' });
            assert.ok(await page.locator('#chat-form').isHidden());
            await waitForMessage(page, 'Thanks!', (m) => m.seq);
            assertNoPageProblems(problems);
        } finally {
            await context.close();
        }
    },
);

async function staffWaitForPush(type, after, condition, timeoutMs = 10000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const pushes = (await caregiver.pushes(type)).slice(after);
        if (pushes.some(condition)) {
            return;
        }
        if (Date.now() > deadline) {
            assert.fail(`staff never got the ${type} push: ${JSON.stringify(pushes)}`);
        }
        await sleep(100);
    }
}

test(
    'a reload mid-conversation keeps every message once and in order',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
        const { context, page, problems } = await openPatientPage(browser, server.baseUrl);
        try {
            const visitId = await startVisit(page);
            await write(page, 'First');
            await write(page, 'Second');
            await waitForMessage(page, 'Second', (m) => m.seq);
            await staffSend(visitId, 'Third, from the care team');
            await waitForMessage(page, 'Third, from the care team');
            await write(page, 'Fourth');
            await waitForMessage(page, 'Fourth', (m) => m.seq);
            const expected = ['First', 'Second', 'Third, from the care team', 'Fourth'];
            await assertEachOnceInOrder(page, expected);

            await page.reload();
            await waitForScreen(page, 'waiting');
            await waitForMessage(page, 'Fourth', (m) => m.seq);
            await assertEachOnceInOrder(page, expected);

            await write(page, 'Fifth, after the reload');
            await waitForMessage(page, 'Fifth, after the reload', (m) => m.seq);
            await staffSend(visitId, 'Sixth');
            await waitForMessage(page, 'Sixth');
            await assertEachOnceInOrder(page, [...expected, 'Fifth, after the reload', 'Sixth']);
            const thread = await staffThread(visitId);
            assert.deepEqual(
                patientTexts(thread).map((message) => message.body),
                ['First', 'Second', 'Fourth', 'Fifth, after the reload'],
            );
            await cancelVisit(page);
            assertNoPageProblems(problems);
        } finally {
            await context.close();
        }
    },
);

test(
    'earlier messages load on request, above the ones shown',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
        const { context, page, problems } = await openPatientPage(browser, server.baseUrl);
        try {
            const visitId = await startVisit(page);
            const bodies = Array.from({ length: 60 }, (_, i) => `Update ${i + 1}`);
            for (const body of bodies) {
                await staffSend(visitId, body);
            }
            await page.reload();
            await waitForScreen(page, 'waiting');
            await waitForMessage(page, 'Update 60', (m) => m.seq);
            const first = await shownMessages(page);
            assert.ok(first.length < bodies.length, `only the newest at first: ${first.length}`);
            assert.ok(await page.locator('#chat-earlier').isVisible(), 'a button for older ones');
            await page.click('#chat-earlier');
            await waitForMessage(page, 'Update 1', (m) => m.seq);
            await assertEachOnceInOrder(page, bodies);
            await page.locator('#chat-earlier').waitFor({ state: 'hidden' });
            await cancelVisit(page);
            assertNoPageProblems(problems);
        } finally {
            await context.close();
        }
    },
);

test(
    'messages whose acknowledgement was lost, or written while offline, arrive exactly once',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
        const gate = new SocketGate();
        const { context, page, problems } = await openPatientPage(
            browser,
            server.baseUrl,
            {},
            (newContext) => gate.install(newContext, server.baseUrl),
        );
        try {
            const visitId = await startVisit(page);

            // Stored by the server, but the page never hears of it.
            const ownPush = (m) =>
                m?.type === 'chat_message' && m.body.message.sender === 'patient';
            gate.dropToPage = (m) => m?.type === 'chat_ack' || ownPush(m);
            await write(page, 'Lost acknowledgement');
            await staffWaitFor(visitId, (t) => patientTexts(t).length === 1, 'the first message');
            const pending = await waitForMessage(page, 'Lost acknowledgement');
            assert.equal(pending.state, 'sending');
            assert.match(pending.meta, /Sending/);
            assert.equal((await outbox(page)).length, 1, 'kept until acknowledged');

            // The network drops; the page comes back and finds it stored.
            gate.dropToPage = null;
            await gate.cut();
            await waitForMessage(page, 'Lost acknowledgement', (m) => m.seq, 30000);

            // Never reaches the server: sent again after the reconnect.
            gate.dropToServer = (m) => m?.type === 'chat_send';
            await write(page, 'Lost on the way');
            await sleep(500);
            assert.equal((await waitForMessage(page, 'Lost on the way')).state, 'sending');
            const [{ clientMessageId: lostId }] = await outbox(page);
            gate.dropToServer = null;
            await gate.cut();
            await waitForMessage(page, 'Lost on the way', (m) => m.seq, 30000);

            // Written while the network is down, kept across a reload, sent once back online.
            gate.offline = true;
            await gate.cut();
            await page.locator('#connection-banner').waitFor({ state: 'visible' });
            await write(page, 'Written offline');
            await write(page, 'Also offline');
            await waitForMessage(page, 'Also offline', (m) => m.state === 'sending');
            assert.deepEqual(
                (await outbox(page)).map((item) => item.body),
                ['Written offline', 'Also offline'],
            );
            await page.reload();
            assert.equal((await outbox(page)).length, 2, 'the reload keeps them');
            gate.offline = false;
            await page.evaluate(() => window.dispatchEvent(new Event('online')));
            await waitForMessage(page, 'Also offline', (m) => m.seq, 45000);
            await assertEachOnceInOrder(page, [
                'Lost acknowledgement',
                'Lost on the way',
                'Written offline',
                'Also offline',
            ]);
            assert.deepEqual(await outbox(page), [], 'nothing left to send');
            const thread = await staffThread(visitId);
            assert.deepEqual(
                patientTexts(thread).map((message) => message.body),
                ['Lost acknowledgement', 'Lost on the way', 'Written offline', 'Also offline'],
            );
            // Sent again with the id it was first given.
            assert.equal(patientTexts(thread)[1].clientMessageId, lostId);
            await cancelVisit(page);
            assertNoPageProblems(problems);
        } finally {
            await context.close();
        }
    },
);

test(
    'a burst beyond the rate limit waits and then goes out by itself, in order',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
        const gate = new SocketGate();
        const { context, page, problems } = await openPatientPage(
            browser,
            server.baseUrl,
            {},
            (newContext) => gate.install(newContext, server.baseUrl),
        );
        try {
            const visitId = await startVisit(page);
            const burst = Array.from({ length: 13 }, (_, i) => `Message ${i + 1}`);
            for (const text of burst) {
                await write(page, text);
            }
            await waitForText(
                page,
                '#chat-log .chat-problem',
                /You're sending messages quickly — we'll send this in \d+ seconds?/,
            );
            await waitForMessage(page, 'Message 13', (m) => m.seq, 60000);
            await assertEachOnceInOrder(page, burst);
            const thread = await staffThread(visitId);
            assert.deepEqual(
                patientTexts(thread).map((message) => message.body),
                burst,
            );
            assert.ok(
                gate.sentOfType('chat_send').length > burst.length,
                'some were refused and sent again',
            );
            await cancelVisit(page);
            assertNoPageProblems(problems);
        } finally {
            await context.close();
        }
    },
);

test(
    'refusals are explained next to the message: retry, edit, visit over',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
        const gate = new SocketGate();
        const { context, page, problems } = await openPatientPage(
            browser,
            server.baseUrl,
            {},
            (newContext) => gate.install(newContext, server.baseUrl),
        );
        const refuse = (code) => (m) =>
            m?.type === 'chat_send' ? { type: 'error', body: { code, message: code } } : null;
        try {
            const visitId = await startVisit(page);

            gate.answerInstead = refuse('internal');
            await write(page, 'Try me again');
            await waitForText(page, '#chat-log .chat-problem', 'Not sent yet. Please try again.');
            gate.answerInstead = null;
            await page.click('#chat-log .chat-action:text("Retry")');
            await waitForMessage(page, 'Try me again', (m) => m.seq);
            assert.equal(await page.locator('#chat-log .chat-problem').count(), 0);

            gate.answerInstead = refuse('out_of_range');
            await write(page, 'Too long for the server');
            await waitForText(page, '#chat-log .chat-problem', 'longer than 4,000 characters');
            assert.deepEqual(await outbox(page), [], 'never sent again as it is');
            gate.answerInstead = null;
            await page.click('#chat-log .chat-action:text("Edit")');
            assert.equal(await page.inputValue('#chat-input'), 'Too long for the server');
            assert.equal(await page.evaluate(() => document.activeElement.id), 'chat-input');
            await page.press('#chat-input', 'Enter');
            await waitForMessage(page, 'Too long for the server', (m) => m.seq);

            gate.answerInstead = refuse('invalid_transition');
            await write(page, 'Too late');
            await waitForText(page, '#chat-log .chat-problem', 'Not sent: your visit is over.');
            await page.locator('#chat-closed').waitFor({ state: 'visible' });
            assert.ok(await page.locator('#chat-form').isHidden());
            gate.answerInstead = null;

            const thread = await staffThread(visitId);
            assert.deepEqual(
                patientTexts(thread).map((message) => message.body),
                ['Try me again', 'Too long for the server'],
            );
            assertNoPageProblems(problems);
        } finally {
            await context.close();
        }
    },
);

test('chat screenshots on a phone and a desktop', { timeout: TEST_TIMEOUT_MS }, async (t) => {
    const folder =
        process.env.CAREDESK_UPDATE_SCREENSHOTS === '1'
            ? join(sourceDir, 'docs/screenshots')
            : mkdtempSync(join(tmpdir(), 'caredesk-screenshots-'));
    for (const [device, options, file] of [
        ['mobile', PHONE, 'patient-chat-mobile.png'],
        ['desktop', DESKTOP, 'patient-chat.png'],
    ]) {
        const { context, page, problems } = await openPatientPage(browser, server.baseUrl, options);
        try {
            const visitId = await startVisit(page);
            await caregiver.expect('chat_history', 'chat_open', { visitId, limit: 50 });
            const question = 'Hi, how long is the wait now? My throat is getting worse.';
            await write(page, question);
            await waitForMessage(page, question, (m) => m.seq);
            await staffSend(
                visitId,
                `Hi ${PATIENT.firstName}, thanks for waiting. You are next in line; a provider ` +
                    'will join you in about 5 minutes.',
            );
            await write(page, 'Thank you!');
            const last = await waitForMessage(page, 'Thank you!', (m) => m.seq);
            await caregiver.succeed('chat_read', { visitId, seq: last.seq });
            await waitForText(page, `#chat-log [data-seq="${last.seq}"] .chat-receipt`, 'Seen');
            await caregiver.succeed('chat_typing', { visitId });
            await waitForText(page, '#chat-typing', 'Care team is typing');
            assert.equal(
                await page.evaluate(() => document.documentElement.scrollWidth),
                options.viewport.width,
                `${device}: nothing sticks out sideways`,
            );
            await page.locator('#chat').screenshot({ path: join(folder, file) });
            await cancelVisit(page);
            assertNoPageProblems(problems);
        } finally {
            await context.close();
        }
    }
    t.diagnostic(`screenshots in ${folder}`);
});
