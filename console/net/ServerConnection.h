#pragma once

#include "net/ConnectionState.h"
#include "net/ConnectionTimings.h"
#include "net/ReconnectSchedule.h"
#include "net/SessionInfo.h"

#include <QAbstractSocket>
#include <QObject>
#include <QString>
#include <QTimer>
#include <QUrl>
#include <functional>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>

class QWebSocket;

namespace caredesk::protocol {
struct Envelope;
enum class MessageType;
template <class T>
class Result;
} // namespace caredesk::protocol

namespace caredesk::console {

class PendingRequests;

// The console's one link to the server. It owns the WebSocket, runs the
// hello -> login/resume handshake, matches replies to requests by id, keeps the
// session alive across network trouble and server restarts, and tells the rest
// of the console what happened through typed signals. Everything runs on the
// event loop; nothing here blocks.
//
// The session token lives only in this object's memory. After a lost link it
// reconnects with exponential backoff and resumes the session with the token;
// only when the server says the session is over does the person have to type
// the password again (sessionExpired).
class ServerConnection : public QObject {
    Q_OBJECT

public:
    // Receives the reply envelope, or the error: the server's "error" reply
    // decoded, or a local failure ("unavailable": not connected, link lost, no
    // answer in time). Called exactly once, on the event loop.
    using ReplyHandler = std::function<void(const protocol::Result<protocol::Envelope> &)>;

    explicit ServerConnection(ConnectionTimings timings = {}, QObject *parent = nullptr);
    ~ServerConnection() override;

    ConnectionState state() const { return m_state; }
    const std::optional<SessionInfo> &session() const { return m_session; }
    QUrl serverUrl() const { return m_url; }
    // The server's clock minus ours, from its welcome, so times it sends (a
    // visit's arrival) can be compared with "now" on a workstation whose clock
    // is off.
    qint64 serverClockOffsetMs() const { return m_serverClockOffsetMs; }

    // Signed in with a link up: requests can be sent.
    bool canSendRequests() const {
        return m_socket && m_state.phase == ConnectionState::Phase::Connected;
    }
    // Sends a request on the current link (body: the message's JSON body).
    // Without a link it fails at once; requests of a link that drops fail too,
    // and are not sent again on the next one.
    void request(protocol::MessageType type, const nlohmann::json &body, ReplyHandler handler);

    // Connects to webSocketUrl and signs in. Any earlier link and session are
    // dropped first. Ends in sessionStarted, authenticationFailed or
    // serverUnreachable.
    void logIn(const QUrl &webSocketUrl, const QString &username, const QString &password);
    // The same for a caregiver without a password yet: spends the activation
    // code from their administrator on the password they chose, and signs in
    // exactly as logIn does. Refusals (a code that is not valid, a password
    // the policy refuses, throttling) end in authenticationFailed.
    void activate(const QUrl &webSocketUrl, const QString &activationCode, const QString &password);
    // Ends the session on the server (when connected) and disconnects. Ends in
    // loggedOut.
    void logOut();
    // Drops the link and forgets the session without telling the server.
    void disconnectFromServer();

signals:
    void stateChanged(caredesk::console::ConnectionState state);
    // resumed: the session continued after a reconnect, without a password.
    void sessionStarted(const caredesk::console::SessionInfo &session, bool resumed);
    // code is the protocol's error name ("invalid_credentials", "throttled", ...).
    void authenticationFailed(const QString &code, const QString &message, int retryAfterSeconds);
    // The sign-in could not reach the server at all (refused, DNS, TLS, timeout).
    void serverUnreachable(const QString &reason);
    // The server no longer knows the session; sign in again.
    void sessionExpired();
    void loggedOut();
    // The server said something this console does not understand or refused
    // the protocol version. For the log and the person's information.
    void protocolError(const QString &message);
    // A message the server sent unasked (no request id), such as queue_delta.
    void pushReceived(const caredesk::protocol::Envelope &push);

private:
    template <class Message>
    void sendRequest(const Message &message, ReplyHandler handler);

    void openSocket();
    void dropSocket(const QString &reason);
    void onSocketConnected();
    void onSocketDisconnected();
    void onSocketError(QAbstractSocket::SocketError error);
    void onTextMessage(const QString &text);
    void onHeartbeat();
    void onReplyDeadline();

    void sendHello();
    void authenticate();
    void onWelcome(const protocol::Result<protocol::Envelope> &reply);
    void onSessionReply(const protocol::Result<protocol::Envelope> &reply, bool wasLogin);
    void onLogoutReply();

    // The link ended without us closing it.
    void linkLost(const QString &reason);
    void scheduleReconnect();
    void finishLogout();
    void forgetSession();
    void armReplyTimer();
    void setState(ConnectionState state);

    // What a sign-in under way signs in with: a username and password, or an
    // activation code and the new password.
    struct Credentials {
        QString username;
        QString password;
        QString activationCode;
    };

    void startSignIn(const QUrl &webSocketUrl, Credentials credentials);

    ConnectionTimings m_timings;
    ReconnectSchedule m_schedule;
    std::unique_ptr<PendingRequests> m_pending;
    QWebSocket *m_socket = nullptr;
    // Bumped whenever a socket is dropped, so replies and failures that belong
    // to an older link are ignored.
    quint64 m_linkGeneration = 0;
    QUrl m_url;
    ConnectionState m_state;
    std::optional<Credentials> m_credentials; // only while a login is under way
    std::string m_token;                      // empty when there is no session
    std::optional<SessionInfo> m_session;
    bool m_loggingOut = false;
    bool m_awaitingPong = false;
    qint64 m_serverClockOffsetMs = 0;
    QString m_lastSocketError;

    QTimer m_reconnectTimer;
    QTimer m_connectTimer;
    QTimer m_stableTimer;
    QTimer m_heartbeatTimer;
    QTimer m_replyTimer;
};

} // namespace caredesk::console
