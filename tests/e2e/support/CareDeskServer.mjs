// The real caredesk-server binary as an operator runs it: embedded PostgreSQL
// with demo data in a fresh data folder, on a free loopback port, serving the
// patient page from the source tree.

import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const READY_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 30_000;

export function requiredEnv(name) {
    const value = process.env[name];
    if (!value) {
        throw new Error(`${name} is not set: run this test through ctest`);
    }
    return value;
}

export async function freePort() {
    const probe = createServer();
    await new Promise((resolve, reject) => {
        probe.once('error', reject);
        probe.listen(0, '127.0.0.1', resolve);
    });
    const { port } = probe.address();
    await new Promise((resolve) => probe.close(resolve));
    return port;
}

export class CareDeskServer {
    #binary;
    #webRoot;
    #folder;
    #port = 0;
    #process = null;
    #exit = null;

    constructor({ binary, webRoot }) {
        this.#binary = binary;
        this.#webRoot = webRoot;
        this.#folder = mkdtempSync(join(tmpdir(), 'caredesk-e2e-'));
        // The embedded PostgreSQL runs as an unprivileged account when tests run
        // as root, and must be able to reach the data folder.
        chmodSync(this.#folder, 0o755);
    }

    get baseUrl() {
        return `http://127.0.0.1:${this.#port}`;
    }

    get dataDir() {
        return join(this.#folder, 'data');
    }

    demoPassword() {
        return readFileSync(join(this.dataDir, 'demo-admin-password'), 'utf8').trim();
    }

    // Starts the server (again on the same port and data after a stop) and
    // waits until it writes its ready file.
    async start() {
        if (this.#port === 0) {
            this.#port = await freePort();
        }
        const readyFile = join(this.#folder, 'ready');
        rmSync(readyFile, { force: true });
        // prettier-ignore
        const args = [
            '--data-dir', this.dataDir,
            '--port', String(this.#port),
            '--demo',
            '--password-cost', 'minimum',
            '--ready-file', readyFile,
            '--web-root', this.#webRoot,
            '--log-level', 'warn',
        ];
        // stdout only lists the demo accounts; warnings and errors go to stderr.
        const child = spawn(this.#binary, args, { stdio: ['ignore', 'ignore', 'inherit'] });
        this.#process = child;
        this.#exit = new Promise((resolve) => {
            child.once('exit', (code, signal) => resolve({ code, signal }));
            child.once('error', (error) => resolve({ code: -1, signal: null, error }));
        });
        const started = Date.now();
        let exited = null;
        this.#exit.then((result) => {
            exited = result;
        });
        while (!existsSync(readyFile)) {
            if (exited) {
                throw new Error(
                    `caredesk-server exited before it was ready: ${JSON.stringify(exited)}`,
                );
            }
            if (Date.now() - started > READY_TIMEOUT_MS) {
                throw new Error('caredesk-server did not become ready in time');
            }
            await sleep(100);
        }
    }

    // SIGTERM, as an operator stops it; SIGKILL only if it hangs.
    async stop() {
        const child = this.#process;
        if (!child) {
            return;
        }
        this.#process = null;
        if (child.exitCode === null && child.signalCode === null) {
            child.kill('SIGTERM');
            const stopped = await Promise.race([this.#exit, sleep(STOP_TIMEOUT_MS, null)]);
            if (!stopped) {
                child.kill('SIGKILL');
                await this.#exit;
                throw new Error('caredesk-server did not stop on SIGTERM');
            }
        }
    }

    removeData() {
        rmSync(this.#folder, { recursive: true, force: true });
    }
}
