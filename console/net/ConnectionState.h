#pragma once

#include <QMetaType>
#include <QtGlobal>

namespace caredesk::console {

// Where the link to the server stands. The console shows it in the status bar,
// so it carries what a person needs: which step we are in and, while waiting to
// reconnect, how long until the next try.
struct ConnectionState {
    enum class Phase {
        Disconnected,   // no link and none planned (never signed in, logged out, gave up)
        Connecting,     // opening the WebSocket
        Handshaking,    // hello sent, waiting for welcome
        Authenticating, // login or resume sent, waiting for the session
        Connected,      // signed in; requests can flow
        Reconnecting,   // link lost; waiting retryInMs before the next attempt
    };

    Phase phase = Phase::Disconnected;
    int attempt = 0;      // reconnect attempt, counting from 1; 0 on a first connection
    qint64 retryInMs = 0; // Reconnecting only: delay before the next attempt starts

    bool operator==(const ConnectionState &) const = default;

    bool isReconnect() const { return attempt > 0; }
};

} // namespace caredesk::console

Q_DECLARE_METATYPE(caredesk::console::ConnectionState)
