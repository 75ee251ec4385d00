#include "net/ServerConnection.h"

#include "state/ProtocolText.h"
#include "net/PendingRequests.h"
#include "protocol/Messages.h"

#include <QLoggingCategory>
#include <QTimeZone>
#include <QWebSocket>
#include <algorithm>
#include <utility>

#ifndef CAREDESK_VERSION
#define CAREDESK_VERSION "0.0.0"
#endif

Q_LOGGING_CATEGORY(lcNet, "caredesk.net", QtInfoMsg)

namespace caredesk::console {

namespace {

using Clock = PendingRequests::Clock;

QDateTime fromEpochMs(protocol::EpochMs ms) {
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc());
}

SessionInfo toSessionInfo(const protocol::SessionStarted &started) {
    SessionInfo info;
    info.userId = started.user.id;
    info.username = fromStd(started.user.username);
    info.displayName = fromStd(started.user.displayName);
    for (const auto &role : started.user.roles.names())
        info.roles.append(fromStd(role));
    info.active = started.user.active;
    info.idleExpiresAt = fromEpochMs(started.idleExpiresAt);
    info.absoluteExpiresAt = fromEpochMs(started.absoluteExpiresAt);
    return info;
}

// A failure that happened on this side of the link. "unavailable" is the
// protocol's "safe to retry" code, which is exactly what these are.
protocol::Error localFailure(std::string message) {
    return {protocol::ErrorCode::Unavailable, std::move(message), {}, {}};
}

// Largest frame we accept: the protocol's limit for server frames. The
// server's welcome announces what it accepts, which is far less: a queue
// snapshot or a list is much larger than any request.
constexpr auto kMaxIncomingMessageBytes = protocol::kMaxServerMessageBytes;

} // namespace

ServerConnection::ServerConnection(ConnectionTimings timings, QObject *parent)
    : QObject(parent)
    , m_timings(timings)
    , m_schedule(timings.reconnect)
    , m_pending(std::make_unique<PendingRequests>()) {
    qRegisterMetaType<ConnectionState>();
    qRegisterMetaType<SessionInfo>();

    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &ServerConnection::openSocket);

    m_connectTimer.setSingleShot(true);
    connect(&m_connectTimer, &QTimer::timeout, this, [this] {
        linkLost(tr("no answer within %1 s").arg(m_timings.connectTimeout.count() / 1000.0));
    });

    m_stableTimer.setSingleShot(true);
    connect(&m_stableTimer, &QTimer::timeout, this, [this] { m_schedule.reset(); });

    connect(&m_heartbeatTimer, &QTimer::timeout, this, &ServerConnection::onHeartbeat);

    m_replyTimer.setSingleShot(true);
    connect(&m_replyTimer, &QTimer::timeout, this, &ServerConnection::onReplyDeadline);
}

ServerConnection::~ServerConnection() {
    dropSocket(QStringLiteral("console closing"));
}

void ServerConnection::logIn(const QUrl &webSocketUrl, const QString &username,
                             const QString &password) {
    startSignIn(webSocketUrl, Credentials{username, password, {}});
}

void ServerConnection::activate(const QUrl &webSocketUrl, const QString &activationCode,
                                const QString &password) {
    startSignIn(webSocketUrl, Credentials{{}, password, activationCode});
}

void ServerConnection::startSignIn(const QUrl &webSocketUrl, Credentials credentials) {
    m_reconnectTimer.stop();
    m_loggingOut = false;
    dropSocket(QStringLiteral("signing in again"));
    forgetSession();
    m_schedule.reset();
    m_url = webSocketUrl;
    m_credentials = std::move(credentials);
    openSocket();
}

void ServerConnection::logOut() {
    m_reconnectTimer.stop();
    m_credentials.reset();
    const bool canTellServer = m_socket && m_state.phase == ConnectionState::Phase::Connected;
    forgetSession();
    m_loggingOut = true;
    if (canTellServer) {
        // Whatever the answer (ok, an error, no answer in time), we are done.
        sendRequest(protocol::Logout{}, [this](const auto &) { finishLogout(); });
        return;
    }
    finishLogout();
}

void ServerConnection::disconnectFromServer() {
    m_reconnectTimer.stop();
    m_credentials.reset();
    m_loggingOut = false;
    forgetSession();
    dropSocket(QStringLiteral("disconnecting"));
    setState({});
}

void ServerConnection::request(protocol::MessageType type, const nlohmann::json &body,
                               ReplyHandler handler) {
    if (!canSendRequests()) {
        handler(localFailure("not connected"));
        return;
    }
    const std::string id =
        m_pending->add(std::move(handler), Clock::now() + m_timings.replyTimeout);
    m_socket->sendTextMessage(QString::fromStdString(protocol::encodeEnvelope(type, body, id)));
    armReplyTimer();
}

template <class Message>
void ServerConnection::sendRequest(const Message &message, ReplyHandler handler) {
    if (!m_socket) {
        handler(localFailure("not connected"));
        return;
    }
    const quint64 generation = m_linkGeneration;
    const std::string id = m_pending->add(
        [this, generation, handler = std::move(handler)](const auto &result) {
            // A reply or failure for a link that was since dropped: whoever
            // dropped it already decided what happens next.
            if (generation == m_linkGeneration)
                handler(result);
        },
        Clock::now() + m_timings.replyTimeout);
    m_socket->sendTextMessage(QString::fromStdString(protocol::encode(message, id)));
    armReplyTimer();
}

void ServerConnection::openSocket() {
    dropSocket(QStringLiteral("reconnecting"));
    m_lastSocketError.clear();

    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_socket->setMaxAllowedIncomingMessageSize(kMaxIncomingMessageBytes);
    connect(m_socket, &QWebSocket::connected, this, &ServerConnection::onSocketConnected);
    connect(m_socket, &QWebSocket::disconnected, this, &ServerConnection::onSocketDisconnected);
    connect(m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            &ServerConnection::onSocketError);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &ServerConnection::onTextMessage);
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, [this] {
        emit protocolError(tr("The server sent a binary frame; the protocol is text only."));
    });
    connect(m_socket, &QWebSocket::pong, this, [this] { m_awaitingPong = false; });
#ifndef QT_NO_SSL
    connect(m_socket, &QWebSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
        // Not ignored: an untrusted certificate ends the attempt. Keep the
        // reason, which is more useful than "remote host closed".
        if (!errors.isEmpty())
            m_lastSocketError = errors.constFirst().errorString();
    });
#endif

    setState({ConnectionState::Phase::Connecting, m_token.empty() ? 0 : m_schedule.attempt(), 0});
    m_connectTimer.start(m_timings.connectTimeout);
    qCDebug(lcNet) << "opening" << m_url.toString();
    m_socket->open(m_url);
}

void ServerConnection::dropSocket(const QString &reason) {
    ++m_linkGeneration;
    m_connectTimer.stop();
    m_heartbeatTimer.stop();
    m_stableTimer.stop();
    m_replyTimer.stop();
    m_awaitingPong = false;
    if (QWebSocket *socket = std::exchange(m_socket, nullptr)) {
        socket->disconnect(this);
        if (socket->state() == QAbstractSocket::ConnectedState) {
            // A proper close lets the server tell a departure from a crash. The
            // socket goes once the close completes, or after a grace period.
            connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
            QTimer::singleShot(2000, socket, &QObject::deleteLater);
            socket->close(QWebSocketProtocol::CloseCodeNormal, reason);
        } else {
            socket->abort();
            socket->deleteLater();
        }
    }
    m_pending->failAll(localFailure("the connection to the server ended before it answered"));
}

void ServerConnection::onSocketConnected() {
    m_connectTimer.stop();
    setState({ConnectionState::Phase::Handshaking, m_token.empty() ? 0 : m_schedule.attempt(), 0});
    sendHello();
}

void ServerConnection::onSocketDisconnected() {
    QString reason = m_lastSocketError;
    if (reason.isEmpty() && m_socket) {
        if (!m_socket->closeReason().isEmpty())
            reason = m_socket->closeReason();
        else if (m_socket->error() != QAbstractSocket::UnknownSocketError)
            reason = m_socket->errorString();
    }
    if (reason.isEmpty())
        reason = tr("the connection was closed");
    linkLost(reason);
}

void ServerConnection::onSocketError(QAbstractSocket::SocketError error) {
    if (!m_socket)
        return;
    if (m_lastSocketError.isEmpty())
        m_lastSocketError = m_socket->errorString();
    qCDebug(lcNet) << "socket error" << error << m_socket->errorString();
    // While the link is up, disconnected() follows and carries on from there;
    // a failed open may end here without it.
    if (m_socket->state() == QAbstractSocket::UnconnectedState)
        linkLost(m_lastSocketError);
}

void ServerConnection::onTextMessage(const QString &text) {
    m_awaitingPong = false; // any frame shows the link is alive
    const std::string frame = text.toStdString();
    std::string requestId;
    auto envelope = protocol::decodeEnvelope(frame, kMaxIncomingMessageBytes, &requestId);
    if (!envelope) {
        const QString message = fromStd(envelope.error().message);
        qCWarning(lcNet) << "unreadable frame from server:" << message;
        emit protocolError(
            tr("The server sent a message this console cannot read: %1").arg(message));
        return;
    }
    if (!envelope->id.empty()) {
        const std::string id = envelope->id;
        if (!m_pending->complete(id, std::move(*envelope)))
            qCDebug(lcNet) << "reply to a request no longer waiting:" << fromStd(id);
        armReplyTimer();
        return;
    }
    if (envelope->type == protocol::MessageType::Error) {
        auto error = protocol::decodeBody<protocol::Error>(envelope->body);
        const QString message = error ? fromStd(error->message) : fromStd(error.error().message);
        qCWarning(lcNet) << "server error without a request:" << message;
        emit protocolError(message);
        return;
    }
    emit pushReceived(*envelope);
}

void ServerConnection::onHeartbeat() {
    if (!m_socket)
        return;
    if (m_awaitingPong) {
        linkLost(tr("the server stopped answering"));
        return;
    }
    m_awaitingPong = true;
    m_socket->ping();
}

void ServerConnection::onReplyDeadline() {
    const auto seconds = std::chrono::duration<double>(m_timings.replyTimeout).count();
    m_pending->failExpired(Clock::now(),
                           localFailure("the server did not answer within " +
                                        QString::number(seconds).toStdString() + " s"));
    armReplyTimer();
}

void ServerConnection::armReplyTimer() {
    const auto deadline = m_pending->nextDeadline();
    if (!deadline) {
        m_replyTimer.stop();
        return;
    }
    const auto wait = std::chrono::ceil<std::chrono::milliseconds>(*deadline - Clock::now());
    m_replyTimer.start(std::max(wait, std::chrono::milliseconds{0}));
}

void ServerConnection::sendHello() {
    protocol::Hello hello;
    hello.client = protocol::ClientKind::Console;
    hello.clientVersion = "caredesk-console " CAREDESK_VERSION;
    sendRequest(hello, [this](const auto &reply) { onWelcome(reply); });
}

void ServerConnection::onWelcome(const protocol::Result<protocol::Envelope> &reply) {
    if (!reply) {
        const auto &error = reply.error();
        if (error.code != protocol::ErrorCode::UnsupportedVersion) {
            linkLost(tr("the server refused the handshake: %1").arg(fromStd(error.message)));
            return;
        }
        // Retrying cannot help: one side needs an update.
        const QString message = fromStd(error.message);
        emit protocolError(message);
        const bool signingIn = m_credentials.has_value();
        m_credentials.reset();
        forgetSession();
        dropSocket(QStringLiteral("unsupported protocol version"));
        setState({});
        if (signingIn)
            emit authenticationFailed(fromStd(protocol::errorCodeName(error.code)), message, 0);
        else
            emit sessionExpired();
        return;
    }
    auto welcome =
        reply->type == protocol::MessageType::Welcome
            ? protocol::decodeBody<protocol::Welcome>(reply->body)
            : protocol::Result<protocol::Welcome>(protocol::Error{
                  protocol::ErrorCode::UnknownType,
                  "expected welcome, got " + std::string(protocol::messageTypeName(reply->type)),
                  {},
                  {}});
    if (!welcome) {
        const QString message = fromStd(welcome.error().message);
        emit protocolError(tr("Unexpected answer to hello: %1").arg(message));
        linkLost(message);
        return;
    }
    m_serverClockOffsetMs = welcome->serverTime - QDateTime::currentMSecsSinceEpoch();
    authenticate();
}

void ServerConnection::authenticate() {
    setState(
        {ConnectionState::Phase::Authenticating, m_token.empty() ? 0 : m_schedule.attempt(), 0});
    if (m_credentials) {
        const auto onReply = [this](const auto &reply) {
            onSessionReply(reply, true);
        };
        // The password and the code are needed for exactly one frame.
        const std::string password = m_credentials->password.toStdString();
        const std::string code = m_credentials->activationCode.toStdString();
        for (QString *secret : {&m_credentials->password, &m_credentials->activationCode}) {
            secret->fill(QLatin1Char('\0'));
            secret->clear();
        }
        if (!code.empty())
            sendRequest(protocol::ActivateAccount{code, password}, onReply);
        else
            sendRequest(protocol::Login{m_credentials->username.toStdString(), password}, onReply);
        return;
    }
    if (!m_token.empty()) {
        sendRequest(protocol::Resume{m_token},
                    [this](const auto &reply) { onSessionReply(reply, false); });
        return;
    }
    dropSocket(QStringLiteral("nothing to sign in with"));
    setState({});
}

void ServerConnection::onSessionReply(const protocol::Result<protocol::Envelope> &reply,
                                      bool wasLogin) {
    if (reply) {
        auto started = reply->type == protocol::MessageType::SessionStarted
                           ? protocol::decodeBody<protocol::SessionStarted>(reply->body)
                           : protocol::Result<protocol::SessionStarted>(protocol::Error{
                                 protocol::ErrorCode::UnknownType,
                                 "expected session, got " +
                                     std::string(protocol::messageTypeName(reply->type)),
                                 {},
                                 {}});
        if (started && wasLogin && started->token.value_or(std::string()).empty())
            started = protocol::Error{protocol::ErrorCode::MissingField,
                                      "the session carries no token",
                                      "body.token",
                                      {}};
        if (!started) {
            const QString message = fromStd(started.error().message);
            emit protocolError(tr("Unexpected answer to sign-in: %1").arg(message));
            linkLost(message);
            return;
        }
        if (wasLogin)
            m_token = *started->token;
        m_credentials.reset();
        m_session = toSessionInfo(*started);
        setState({ConnectionState::Phase::Connected, 0, 0});
        m_stableTimer.start(m_timings.reconnect.stableAfter);
        m_awaitingPong = false;
        m_heartbeatTimer.start(m_timings.heartbeatInterval);
        qCInfo(lcNet) << (wasLogin ? "signed in as" : "resumed session of") << m_session->username;
        emit sessionStarted(*m_session, !wasLogin);
        return;
    }

    const auto &error = reply.error();
    const QString code = fromStd(protocol::errorCodeName(error.code));
    const QString message = fromStd(error.message);
    if (wasLogin) {
        m_credentials.reset();
        dropSocket(QStringLiteral("sign-in refused"));
        setState({});
        emit authenticationFailed(code, message,
                                  static_cast<int>(error.retryAfterSeconds.value_or(0)));
        return;
    }
    if (error.code == protocol::ErrorCode::SessionExpired ||
        error.code == protocol::ErrorCode::NotAuthenticated) {
        qCInfo(lcNet) << "session ended on the server:" << message;
        forgetSession();
        dropSocket(QStringLiteral("session ended"));
        setState({});
        emit sessionExpired();
        return;
    }
    // Trouble on the server side (database restarting, overloaded, no answer):
    // the session may well be fine, so keep the token and try again later.
    linkLost(tr("could not resume the session: %1").arg(message));
}

void ServerConnection::linkLost(const QString &reason) {
    qCInfo(lcNet) << "link lost:" << reason;
    const bool signingIn = m_credentials.has_value();
    dropSocket(reason);
    if (m_loggingOut) {
        finishLogout();
        return;
    }
    if (signingIn) {
        m_credentials.reset();
        setState({});
        emit serverUnreachable(reason);
        return;
    }
    if (!m_token.empty()) {
        scheduleReconnect();
        return;
    }
    setState({});
}

void ServerConnection::scheduleReconnect() {
    if (m_session && m_session->absoluteExpiresAt.isValid() &&
        QDateTime::currentDateTimeUtc() >= m_session->absoluteExpiresAt) {
        forgetSession();
        setState({});
        emit sessionExpired();
        return;
    }
    const auto delay = m_schedule.nextDelay();
    qCInfo(lcNet) << "reconnect attempt" << m_schedule.attempt() << "in" << delay.count() << "ms";
    setState({ConnectionState::Phase::Reconnecting, m_schedule.attempt(), delay.count()});
    m_reconnectTimer.start(delay);
}

void ServerConnection::finishLogout() {
    if (!m_loggingOut)
        return;
    m_loggingOut = false;
    dropSocket(QStringLiteral("logged out"));
    setState({});
    emit loggedOut();
}

void ServerConnection::forgetSession() {
    std::fill(m_token.begin(), m_token.end(), '\0');
    m_token.clear();
    m_session.reset();
}

void ServerConnection::setState(ConnectionState state) {
    if (state == m_state)
        return;
    m_state = state;
    emit stateChanged(m_state);
}

} // namespace caredesk::console
