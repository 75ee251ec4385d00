#pragma once

#include "FakeCareDeskServer.h"
#include "app/ConsoleApplication.h"
#include "app/LaunchOptions.h"
#include "net/ConnectionTimings.h"

#include <QTest>
#include <chrono>
#include <memory>

namespace caredesk::console::test {

// The whole console (the same wiring as the program) against the scripted
// server, with quick timings, so flows through real windows stay short.

inline ConnectionTimings scriptedTimings() {
    using namespace std::chrono_literals;
    ConnectionTimings timings;
    timings.reconnect = {50ms, 300ms, 60s};
    timings.connectTimeout = 3s;
    timings.replyTimeout = 3s;
    return timings;
}

// A console signed in as from the command line, the queue board live and the
// window shown; null when any of it did not happen within timeoutMs.
inline std::unique_ptr<ConsoleApplication>
startSignedInConsole(const QString &server, const QString &username, const QString &password,
                     const ConnectionTimings &timings, int timeoutMs) {
    auto console = std::make_unique<ConsoleApplication>(timings);
    LaunchOptions options;
    options.server = server;
    options.username = username;
    options.password = password;
    console->start(options);
    const bool live = QTest::qWaitFor(
        [&console] { return console->queueStore().syncStatus() == QueueStore::SyncStatus::Live; },
        timeoutMs);
    if (!live || !QTest::qWaitForWindowExposed(&console->mainWindow()))
        return nullptr;
    return console;
}

// The same against the scripted server, the window active as well.
inline std::unique_ptr<ConsoleApplication> startScriptedConsole(const FakeCareDeskServer &server,
                                                                const QString &username,
                                                                const QString &password) {
    auto console =
        startSignedInConsole(server.url().toString(), username, password, scriptedTimings(), 5000);
    if (!console || !QTest::qWaitForWindowActive(&console->mainWindow()))
        return nullptr;
    return console;
}

} // namespace caredesk::console::test
