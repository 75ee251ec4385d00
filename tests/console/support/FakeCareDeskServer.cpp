#include "FakeCareDeskServer.h"

#include "domain/PasswordPolicy.h"
#include "protocol/Messages.h"

#include <QDateTime>
#include <QHostAddress>
#include <QWebSocket>
#include <QWebSocketServer>

namespace caredesk::console::test {

namespace {

std::string errorFrame(protocol::ErrorCode code, const std::string &message, const std::string &id,
                       std::optional<std::int64_t> retryAfter = {}) {
    return protocol::encode(protocol::Error{code, message, {}, retryAfter}, id);
}

void send(QWebSocket *client, const std::string &frame) {
    client->sendTextMessage(QString::fromStdString(frame));
}

} // namespace

FakeCareDeskServer::FakeCareDeskServer(QObject *parent)
    : QObject(parent) {}

FakeCareDeskServer::~FakeCareDeskServer() {
    abortClients();
}

bool FakeCareDeskServer::listen(quint16 port) {
    delete m_server;
    m_server = new QWebSocketServer(QStringLiteral("fake-caredesk"),
                                    QWebSocketServer::NonSecureMode, this);
    connect(m_server, &QWebSocketServer::newConnection, this, &FakeCareDeskServer::onNewConnection);
    if (!m_server->listen(QHostAddress::LocalHost, port))
        return false;
    m_port = m_server->serverPort();
    return true;
}

void FakeCareDeskServer::stop(QWebSocketProtocol::CloseCode code, const QString &reason) {
    if (m_server)
        m_server->close();
    const auto clients = std::exchange(m_clients, {});
    for (QWebSocket *client : clients) {
        client->close(code, reason);
        client->deleteLater();
    }
    m_clientTokens.clear();
    m_subscribers.clear();
}

void FakeCareDeskServer::abortClients() {
    const auto clients = std::exchange(m_clients, {});
    for (QWebSocket *client : clients) {
        client->abort();
        client->deleteLater();
    }
    m_clientTokens.clear();
    m_subscribers.clear();
}

QUrl FakeCareDeskServer::url() const {
    return QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(m_port));
}

void FakeCareDeskServer::addAccount(const QString &username, const QString &password,
                                    const QString &displayName, const QStringList &roles) {
    m_accounts.insert(username, Account{m_accounts.size() + 1, password, displayName, roles});
}

void FakeCareDeskServer::onNewConnection() {
    while (QWebSocket *client = m_server->nextPendingConnection()) {
        m_clients.append(client);
        connect(client, &QWebSocket::textMessageReceived, this,
                [this, client](const QString &text) { onFrame(client, text); });
        connect(client, &QWebSocket::disconnected, this, [this, client] {
            m_subscribers.removeOne(client);
            if (m_clients.removeOne(client)) {
                m_clientTokens.remove(client);
                client->deleteLater();
            }
        });
    }
}

void FakeCareDeskServer::onFrame(QWebSocket *client, const QString &text) {
    auto envelope = protocol::decodeEnvelope(text.toStdString());
    if (!envelope) {
        send(client, protocol::encode(envelope.error()));
        return;
    }
    const QString type = QString::fromUtf8(protocol::messageTypeName(envelope->type).data());
    m_received.append(type);
    m_requestIds.append(QString::fromStdString(envelope->id));
    m_lastBodies.insert(type, QString::fromStdString(envelope->body.dump()));
    emit frameReceived(type);
    if (m_silent)
        return;

    const std::string &id = envelope->id;
    if (const auto failure = m_requestFailures.constFind(type);
        failure != m_requestFailures.cend()) {
        send(client, protocol::encode(*failure, id));
        return;
    }
    switch (envelope->type) {
    case protocol::MessageType::Hello: {
        auto hello = protocol::decodeBody<protocol::Hello>(envelope->body);
        if (!hello) {
            send(client, protocol::encode(hello.error(), id));
            return;
        }
        m_lastClientVersion = QString::fromStdString(hello->clientVersion);
        if (m_refuseVersion) {
            send(client, errorFrame(protocol::ErrorCode::UnsupportedVersion,
                                    "this server speaks protocol versions 7 to 9", id));
            client->close(QWebSocketProtocol::CloseCodeProtocolError,
                          QStringLiteral("unsupported protocol version"));
            return;
        }
        protocol::Welcome welcome;
        welcome.serverVersion = "fake";
        welcome.serverTime = QDateTime::currentMSecsSinceEpoch();
        send(client, protocol::encode(welcome, id));
        return;
    }
    case protocol::MessageType::Login: {
        auto login = protocol::decodeBody<protocol::Login>(envelope->body);
        if (!login) {
            send(client, protocol::encode(login.error(), id));
            return;
        }
        if (m_throttleSeconds > 0) {
            send(client,
                 errorFrame(protocol::ErrorCode::Throttled,
                            "too many failed logins; try again later", id, m_throttleSeconds));
            return;
        }
        const QString username = QString::fromStdString(login->username);
        const auto account = m_accounts.constFind(username);
        if (account == m_accounts.cend() ||
            account->password != QString::fromStdString(login->password)) {
            send(client, errorFrame(protocol::ErrorCode::InvalidCredentials,
                                    "wrong username or password", id));
            return;
        }
        startSession(client, id, username);
        return;
    }
    case protocol::MessageType::ActivateAccount:
        activate(client, *envelope);
        return;
    case protocol::MessageType::ListLicenses:
        send(client, protocol::encode(m_licenseList, id));
        return;
    case protocol::MessageType::Resume: {
        auto resume = protocol::decodeBody<protocol::Resume>(envelope->body);
        if (!resume) {
            send(client, protocol::encode(resume.error(), id));
            return;
        }
        if (!m_resumeFailure.isEmpty()) {
            const auto code = protocol::errorCodeFromName(m_resumeFailure.toStdString());
            send(client,
                 errorFrame(code.value_or(protocol::ErrorCode::Internal), "scripted failure", id));
            return;
        }
        const QString token = QString::fromStdString(resume->token);
        if (!m_sessions.contains(token)) {
            send(client, errorFrame(protocol::ErrorCode::SessionExpired,
                                    "this session has ended; log in again", id));
            return;
        }
        m_clientTokens.insert(client, token);
        sendSession(client, id, m_sessions.value(token), std::nullopt);
        return;
    }
    case protocol::MessageType::Logout:
        m_sessions.remove(m_clientTokens.take(client));
        send(client, protocol::encode(protocol::Ok{}, id));
        return;
    case protocol::MessageType::QueueSubscribe:
        if (!m_clientTokens.contains(client)) {
            send(client, errorFrame(protocol::ErrorCode::NotAuthenticated, "log in first", id));
            return;
        }
        if (!m_snapshot) {
            send(client, errorFrame(protocol::ErrorCode::Unavailable, "no board scripted", id));
            return;
        }
        if (!m_subscribers.contains(client))
            m_subscribers.append(client);
        send(client, protocol::encode(*m_snapshot, id));
        return;
    case protocol::MessageType::TakeNextVisit:
        if (m_nextVisit && m_actionFailure.isEmpty()) {
            send(client, protocol::encode(protocol::VisitAssigned{*m_nextVisit}, id));
            return;
        }
        send(client,
             errorFrame(m_nextVisit ? protocol::errorCodeFromName(m_actionFailure.toStdString())
                                          .value_or(protocol::ErrorCode::Internal)
                                    : protocol::ErrorCode::NotFound,
                        m_nextVisit ? m_actionFailureMessage.toStdString()
                                    : "no patient is waiting in the states you are licensed for",
                        id));
        return;
    case protocol::MessageType::SetStateStatus:
    case protocol::MessageType::AssignVisit:
    case protocol::MessageType::SetVisitPriority:
    case protocol::MessageType::RemoveVisit:
    case protocol::MessageType::SetAvailability:
    case protocol::MessageType::SetShift:
        if (!m_actionFailure.isEmpty()) {
            const auto code = protocol::errorCodeFromName(m_actionFailure.toStdString());
            send(client, errorFrame(code.value_or(protocol::ErrorCode::Internal),
                                    m_actionFailureMessage.toStdString(), id));
            return;
        }
        send(client, protocol::encode(protocol::Ok{}, id));
        return;
    case protocol::MessageType::ChatSubscribe:
        // Nobody chatting: an empty list, so the chats pane is live, not failed.
        send(client, protocol::encode(protocol::ChatThreads{}, id, 0));
        return;
    case protocol::MessageType::ListCannedResponses:
        send(client, protocol::encode(protocol::CannedResponses{}, id));
        return;
    case protocol::MessageType::ListProviders:
        send(client, protocol::encode(protocol::ProviderList{m_providers}, id));
        return;
    case protocol::MessageType::FileVisit: {
        auto request = protocol::decodeBody<protocol::FileVisit>(envelope->body);
        if (!request) {
            send(client, protocol::encode(request.error(), id));
            return;
        }
        if (m_intakeRefusal) {
            send(client, protocol::encode(*m_intakeRefusal, id));
            return;
        }
        protocol::VisitAccepted accepted;
        accepted.token = m_filedVisitToken;
        accepted.visit.visitId = m_nextFiledVisitId++;
        accepted.visit.state = request->patient.state;
        accepted.visit.status = "waiting";
        accepted.visit.position = 3;
        accepted.visit.estimatedWaitSeconds = 1260;
        accepted.visit.stateStatus = "open";
        send(client, protocol::encode(accepted, id));
        return;
    }
    case protocol::MessageType::ListStateSettings:
        send(client, protocol::encode(protocol::StateSettingsList{m_stateSettings}, id));
        return;
    case protocol::MessageType::UpdateStateSettings:
        updateStateSettings(client, *envelope);
        return;
    default:
        send(client, errorFrame(protocol::ErrorCode::NotAllowedHere, "not scripted", id));
        return;
    }
}

void FakeCareDeskServer::startSession(QWebSocket *client, const std::string &id,
                                      const QString &username) {
    const QString token =
        QStringLiteral("fake-session-token-%1").arg(m_nextToken++, 6, 10, QLatin1Char('0'));
    m_sessions.insert(token, username);
    m_clientTokens.insert(client, token);
    sendSession(client, id, username, token);
}

void FakeCareDeskServer::activate(QWebSocket *client, const protocol::Envelope &request) {
    auto activation = protocol::decodeBody<protocol::ActivateAccount>(request.body);
    if (!activation) {
        send(client, protocol::encode(activation.error(), request.id));
        return;
    }
    if (m_throttleSeconds > 0) {
        send(client, errorFrame(protocol::ErrorCode::Throttled,
                                "too many wrong activation codes; try again later", request.id,
                                m_throttleSeconds));
        return;
    }
    const QString code = QString::fromStdString(activation->inviteToken);
    if (!m_invitations.contains(code)) {
        send(client, protocol::encode(protocol::Error{protocol::ErrorCode::InvalidCredentials,
                                                      "this activation code is not valid",
                                                      "body.inviteToken",
                                                      {}},
                                      request.id));
        return;
    }
    const QString username = m_invitations.value(code);
    if (const auto reason =
            domain::PasswordPolicy{}.check(activation->password, username.toStdString())) {
        send(client, protocol::encode(
                         protocol::Error{
                             protocol::ErrorCode::PasswordRejected, *reason, "body.password", {}},
                         request.id));
        return;
    }
    m_invitations.remove(code);
    m_accounts[username].password = QString::fromStdString(activation->password);
    startSession(client, request.id, username);
}

void FakeCareDeskServer::updateStateSettings(QWebSocket *client,
                                             const protocol::Envelope &request) {
    auto update = protocol::decodeBody<protocol::UpdateStateSettings>(request.body);
    if (!update) {
        send(client, protocol::encode(update.error(), request.id));
        return;
    }
    for (auto &state : m_stateSettings) {
        if (state.code != update->state)
            continue;
        if (state.version != update->expectedVersion) {
            send(client, errorFrame(protocol::ErrorCode::Conflict,
                                    "the settings of " + state.code + " changed since version " +
                                        std::to_string(update->expectedVersion),
                                    request.id));
            return;
        }
        state.schedule = update->schedule;
        ++state.version;
        state.changedAt = QDateTime::currentMSecsSinceEpoch();
        const QString username = m_sessions.value(m_clientTokens.value(client));
        state.changedBy = m_accounts.value(username).displayName.toStdString();
        send(client, protocol::encode(protocol::StateSettingsList{{state}}, request.id));
        return;
    }
    send(client, errorFrame(protocol::ErrorCode::NotFound, "no such state", request.id));
}

void FakeCareDeskServer::saveStateSettingsAs(const QString &who,
                                             const protocol::StateSettings &saved) {
    for (auto &state : m_stateSettings) {
        if (state.code != saved.code)
            continue;
        state.schedule = saved.schedule;
        ++state.version;
        state.changedAt = QDateTime::currentMSecsSinceEpoch();
        state.changedBy = who.toStdString();
    }
}

void FakeCareDeskServer::setRequestFailure(const QString &type, const QString &errorCode,
                                           const QString &message, const QString &field) {
    if (errorCode.isEmpty()) {
        m_requestFailures.remove(type);
        return;
    }
    m_requestFailures.insert(type,
                             protocol::Error{protocol::errorCodeFromName(errorCode.toStdString())
                                                 .value_or(protocol::ErrorCode::Internal),
                                             message.toStdString(),
                                             field.toStdString(),
                                             {}});
}

void FakeCareDeskServer::pushQueueDelta(const protocol::QueueDelta &delta) {
    for (QWebSocket *client : std::as_const(m_subscribers))
        send(client, protocol::encode(delta));
}

void FakeCareDeskServer::setActionFailure(const QString &errorCode, const QString &message) {
    m_actionFailure = errorCode;
    m_actionFailureMessage = message;
}

void FakeCareDeskServer::sendSession(QWebSocket *client, const std::string &id,
                                     const QString &username, const std::optional<QString> &token) {
    const Account account = m_accounts.value(username);
    protocol::SessionStarted started;
    if (token)
        started.token = token->toStdString();
    started.user.id = account.id;
    started.user.username = username.toStdString();
    started.user.displayName = account.displayName.toStdString();
    std::vector<std::string> roles;
    for (const QString &role : account.roles)
        roles.push_back(role.toStdString());
    started.user.roles = domain::RoleSet::fromNames(roles).value_or(domain::RoleSet{});
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    started.idleExpiresAt = now + 30 * 60 * 1000;
    started.absoluteExpiresAt = now + 12 * 60 * 60 * 1000;
    send(client, protocol::encode(started, id));
}

} // namespace caredesk::console::test
