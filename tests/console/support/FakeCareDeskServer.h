#pragma once

#include "protocol/AccountMessages.h"
#include "protocol/Result.h"
#include "protocol/StateSettingsMessages.h"
#include "protocol/VisitMessages.h"

#include <QHash>
#include <QObject>
#include <QStringList>
#include <QUrl>
#include <QWebSocketProtocol>
#include <optional>

class QWebSocket;
class QWebSocketServer;

namespace caredesk::protocol {
struct Envelope;
}

namespace caredesk::console::test {

// An in-process stand-in for caredesk-server that speaks the real protocol
// (through the shared codec) with scripted behaviour, so the console's
// connection logic can be driven through cases the real server cannot be made
// to produce on demand: silence, refusal of the version, transient failures.
// Sessions outlive stop()/listen(), like the real server's database.
class FakeCareDeskServer : public QObject {
    Q_OBJECT

public:
    explicit FakeCareDeskServer(QObject *parent = nullptr);
    ~FakeCareDeskServer() override;

    // Listens on 127.0.0.1; port 0 picks a free one. Listening again after
    // stop() on the same port simulates a restart.
    bool listen(quint16 port = 0);
    // Closes every client with this code and stops listening.
    void stop(QWebSocketProtocol::CloseCode code = QWebSocketProtocol::CloseCodeGoingAway,
              const QString &reason = QStringLiteral("server shutting down"));
    // Cuts every client without a close frame, as a crash or network loss would.
    void abortClients();

    quint16 port() const { return m_port; }
    QUrl url() const;
    int clientCount() const { return static_cast<int>(m_clients.size()); }

    void addAccount(const QString &username, const QString &password, const QString &displayName,
                    const QStringList &roles);
    // An activation code for an account: activate_account with it sets the
    // password (checked against domain::PasswordPolicy) and signs in, once.
    void addInvitation(const QString &code, const QString &username) {
        m_invitations.insert(code, username);
    }
    bool hasInvitation(const QString &code) const { return m_invitations.contains(code); }
    // list_licenses is answered with this listing.
    void setLicenseList(const protocol::LicenseList &list) { m_licenseList = list; }
    // > 0: every login is refused as throttled with this retry-after.
    void setThrottled(int retryAfterSeconds) { m_throttleSeconds = retryAfterSeconds; }
    void setRefuseVersion(bool refuse) { m_refuseVersion = refuse; }
    // Reads every frame and answers none.
    void setSilent(bool silent) { m_silent = silent; }
    // When set, every resume fails with this protocol error name (e.g. "unavailable").
    void setResumeFailure(const QString &errorCode) { m_resumeFailure = errorCode; }
    void expireAllSessions() { m_sessions.clear(); }

    // The queue board: queue_subscribe is answered with this snapshot, or with
    // "unavailable" while there is none.
    void setQueueSnapshot(const std::optional<protocol::QueueSnapshot> &snapshot) {
        m_snapshot = snapshot;
    }
    // Sends a queue_delta to every client that subscribed.
    void pushQueueDelta(const protocol::QueueDelta &delta);
    // take_next_visit is answered with this visit (not_found when unset).
    void setNextVisit(const std::optional<protocol::QueueVisit> &visit) { m_nextVisit = visit; }
    // Queue actions are answered ok, or with this error (a protocol error name).
    void setActionFailure(const QString &errorCode, const QString &message = {});
    // Every request of this type is answered with this error (a protocol
    // error name and the field it names), until cleared with an empty code.
    void setRequestFailure(const QString &type, const QString &errorCode,
                           const QString &message = {}, const QString &field = {});

    // chat_subscribe and list_canned_responses are answered with empty lists.
    // list_providers is answered with these.
    void setProviders(const std::vector<protocol::ProviderSummary> &providers) {
        m_providers = providers;
    }
    // file_visit: accepted with this token (the default), or refused.
    void setFiledVisitToken(const std::string &token) { m_filedVisitToken = token; }
    void setIntakeRefusal(const std::optional<protocol::IntakeRefused> &refusal) {
        m_intakeRefusal = refusal;
    }
    // list_state_settings is answered with these; update_state_settings
    // replaces one (conflict when expectedVersion is not its version).
    void setStateSettings(const std::vector<protocol::StateSettings> &states) {
        m_stateSettings = states;
    }
    const std::vector<protocol::StateSettings> &stateSettings() const { return m_stateSettings; }
    // Someone else saves: the state's schedule and version change.
    void saveStateSettingsAs(const QString &who, const protocol::StateSettings &state);

    // The JSON body of the last request of this type ("" if none).
    QString lastBody(const QString &type) const { return m_lastBodies.value(type); }

    int count(const QString &type) const { return m_received.count(type); }
    QStringList receivedTypes() const { return m_received; }
    QStringList requestIds() const { return m_requestIds; }
    QString lastClientVersion() const { return m_lastClientVersion; }

signals:
    void frameReceived(const QString &type);

private:
    struct Account {
        qint64 id = 0;
        QString password;
        QString displayName;
        QStringList roles;
    };

    void onNewConnection();
    void onFrame(QWebSocket *client, const QString &text);
    void sendSession(QWebSocket *client, const std::string &id, const QString &username,
                     const std::optional<QString> &token);
    void startSession(QWebSocket *client, const std::string &id, const QString &username);
    void activate(QWebSocket *client, const protocol::Envelope &request);
    void updateStateSettings(QWebSocket *client, const protocol::Envelope &request);

    QWebSocketServer *m_server = nullptr;
    quint16 m_port = 0;
    QList<QWebSocket *> m_clients;
    QHash<QString, Account> m_accounts;
    QHash<QString, QString> m_sessions;    // token -> username
    QHash<QString, QString> m_invitations; // activation code -> username
    protocol::LicenseList m_licenseList;
    QHash<QWebSocket *, QString> m_clientTokens;
    int m_nextToken = 1;
    int m_throttleSeconds = 0;
    bool m_refuseVersion = false;
    bool m_silent = false;
    QString m_resumeFailure;
    std::optional<protocol::QueueSnapshot> m_snapshot;
    QList<QWebSocket *> m_subscribers;
    std::optional<protocol::QueueVisit> m_nextVisit;
    QString m_actionFailure;
    QString m_actionFailureMessage;
    QHash<QString, protocol::Error> m_requestFailures; // by message type name
    std::vector<protocol::ProviderSummary> m_providers;
    std::string m_filedVisitToken = "fake-visit-token-0123456789abcdef";
    std::optional<protocol::IntakeRefused> m_intakeRefusal;
    std::int64_t m_nextFiledVisitId = 9001;
    std::vector<protocol::StateSettings> m_stateSettings;
    QHash<QString, QString> m_lastBodies;
    QStringList m_received;
    QStringList m_requestIds;
    QString m_lastClientVersion;
};

} // namespace caredesk::console::test
