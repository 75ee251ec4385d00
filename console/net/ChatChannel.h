#pragma once

#include "state/CannedResponseRow.h"
#include "state/ChatColleague.h"
#include "state/ChatLine.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QTimer>
#include <chrono>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <vector>

namespace caredesk::protocol {
struct Envelope;
struct Error;
struct ChatHistory;
enum class MessageType;
} // namespace caredesk::protocol

namespace caredesk::console {

class ChatConversation;
class ChatThreadStore;
class ServerConnection;

// The chat's traffic. After every session that starts it subscribes to the
// thread list, follows again every thread open here (filling what was missed
// from history) and sends again every message the server has not confirmed.
//
// Messages written here go through an outbox: each gets a client id once,
// shows as "sending" at once, and stays in the outbox until the server
// acknowledges it, however many links, server restarts or database restarts
// that takes; the server stores a message once per id, so sending it again
// is always safe. Only a refusal that sending again cannot cure (too long,
// visit over) ends in Failed, which the person can retry or discard.
class ChatChannel : public QObject {
    Q_OBJECT

public:
    ChatChannel(ServerConnection &connection, ChatThreadStore &store, QObject *parent = nullptr);
    ~ChatChannel() override;

    // Threads followed here, in the order opened.
    const QList<qint64> &openVisitIds() const { return m_openOrder; }
    ChatConversation *conversation(qint64 visitId) const;
    int subscriptionCount() const { return m_subscriptions; }
    // Messages written here and not yet acknowledged (Failed ones included).
    int outboxSize() const { return static_cast<int>(m_outbox.size()); }

    // Follows a thread (loads its newest messages); already open: nothing.
    void openThread(qint64 visitId);
    // Stops following it. Messages on their way stay in the outbox.
    void closeThread(qint64 visitId);
    // Scrollback: the page before the oldest message held.
    void loadOlder(qint64 visitId);

    // Queues a message and sends it when it can; returns its client id.
    QString send(qint64 visitId, ChatLine::Kind kind, const QString &body);
    // A Failed message goes back in the outbox as it was.
    void retry(qint64 visitId, const QString &clientMessageId);
    void discard(qint64 visitId, const QString &clientMessageId);

    // The caregiver has seen the thread up to seq.
    void markRead(qint64 visitId, qint64 seq);
    // The caregiver is typing: sent at most every few seconds per thread.
    void notifyTyping(qint64 visitId);

    void claim(qint64 visitId);
    // expectedOwnerId: the owner shown when the person chose; toCaregiverId
    // none: back to the pool.
    void transfer(qint64 visitId, std::optional<qint64> expectedOwnerId,
                  std::optional<qint64> toCaregiverId);
    void listColleagues();
    void listCannedResponses();
    // Admins: create (id 0) or change a canned response; the version is the
    // one read. Ends in cannedResponseSaved or cannedResponseFailed, and a
    // fresh list.
    void saveCannedResponse(const caredesk::console::CannedResponseRow &response);
    void deleteCannedResponse(qint64 id, qint64 expectedVersion);
    // Asks for a fresh thread list now; normally automatic.
    void subscribe();

signals:
    void threadOpened(qint64 visitId);
    void threadClosed(qint64 visitId);
    // action: what was asked, in words; visitId 0 when no one thread.
    void actionSucceeded(qint64 visitId, const QString &action);
    void actionFailed(qint64 visitId, const QString &action, const QString &code,
                      const QString &message);
    void colleaguesListed(const QList<caredesk::console::ChatColleague> &colleagues);
    void colleaguesListFailed(const QString &message);
    void cannedResponsesListed(const QList<caredesk::console::CannedResponseRow> &responses);
    void cannedResponseSaved(const caredesk::console::CannedResponseRow &response);
    void cannedResponseDeleted(qint64 id);
    // field: the JSON path the server named ("body.shortcut"), or empty.
    void cannedResponseFailed(const QString &code, const QString &message, const QString &field);

private:
    struct Outgoing {
        qint64 visitId = 0;
        QString clientMessageId;
        ChatLine::Kind kind = ChatLine::Kind::Text;
        QString body;
        qint64 writtenAtMs = 0;
        enum class Stage { Queued, InFlight, Failed } stage = Stage::Queued;
    };
    struct Followed {
        ChatConversation *conversation = nullptr;
        bool opening = false;     // a chat_open is under way
        bool filling = false;     // a chat_page for a gap is under way
        bool loadingOlder = false;
        qint64 readSent = 0;
        qint64 typingSentAtMs = 0;
    };

    void onSessionStarted(qint64 userId, bool resumed);
    void onLinkDown();
    void onPush(const protocol::Envelope &push);
    void follow(qint64 visitId);
    void fillGap(qint64 visitId);
    void applyHistory(qint64 visitId, const protocol::ChatHistory &history, bool older);
    void flushOutbox();
    void sendOutgoing(Outgoing &message);
    void onSendFailed(const QString &clientMessageId, const protocol::Error &error, bool local);
    Outgoing *outgoing(const QString &clientMessageId);
    void showPending(ChatConversation &conversation) const;
    void forgetEverything();
    void onThreadRemoved(qint64 visitId);
    // Claim and transfer: the reply is the thread with its new owner.
    void changeOwner(qint64 visitId, const QString &action, protocol::MessageType type,
                     const nlohmann::json &body);
    QString threadLabel(qint64 visitId) const;
    qint64 now() const;

    ServerConnection &m_connection;
    ChatThreadStore &m_store;
    QHash<qint64, Followed> m_followed;
    QList<qint64> m_openOrder;
    std::vector<Outgoing> m_outbox;
    std::optional<qint64> m_userId; // whose outbox this is
    quint64 m_link = 0;             // bumped when the link drops: older replies are ignored
    quint64 m_subscription = 0;
    int m_subscriptions = 0;
    QTimer m_subscribeRetry;
    std::chrono::milliseconds m_subscribeDelay;
    QTimer m_outboxRetry; // after throttled or unavailable
    std::chrono::milliseconds m_outboxDelay;
};

} // namespace caredesk::console
