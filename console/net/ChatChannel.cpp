#include "net/ChatChannel.h"

#include "state/ProtocolText.h"
#include "net/ProtocolReplies.h"
#include "net/ServerConnection.h"
#include "protocol/Messages.h"
#include "state/ChatConversation.h"
#include "state/ChatThreadStore.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QUuid>
#include <algorithm>

Q_LOGGING_CATEGORY(lcChat, "caredesk.chat", QtInfoMsg)

namespace caredesk::console {

namespace {

using namespace std::chrono_literals;

constexpr std::chrono::milliseconds kFirstRetryDelay = 1s;
constexpr std::chrono::milliseconds kMaxRetryDelay = 30s;
// The newest messages shown when a thread opens, and each scrollback page.
constexpr std::int64_t kPageSize = 50;
// Filling a gap reads forward in the largest pages the server gives.
constexpr std::int64_t kGapPageSize = protocol::kMaxChatPage;
// "I am typing" at most this often per thread; shown by others for kTypingShownMs.
constexpr qint64 kTypingEveryMs = 3000;
constexpr int kTypingShownMs = 5000;

QString codeOf(const protocol::Error &error) {
    return fromStd(protocol::errorCodeName(error.code));
}

CannedResponseRow cannedRowOf(const protocol::CannedResponse &response) {
    return {response.id, fromStd(response.shortcut), fromStd(response.title),
            fromStd(response.body), response.version};
}

// Failures that sending the same message again later can cure.
bool isTransient(protocol::ErrorCode code) {
    switch (code) {
    case protocol::ErrorCode::Unavailable:
    case protocol::ErrorCode::Overloaded:
    case protocol::ErrorCode::Internal:
    case protocol::ErrorCode::Throttled:
    case protocol::ErrorCode::NotAuthenticated:
    case protocol::ErrorCode::SessionExpired:
        return true;
    default:
        return false;
    }
}

// Why a message could not be sent, for the person who wrote it.
QString refusalText(const protocol::Error &error) {
    switch (error.code) {
    case protocol::ErrorCode::OutOfRange:
        return ChatChannel::tr("Too long: a message has at most %L1 characters.")
            .arg(static_cast<qlonglong>(protocol::kMaxChatCharacters));
    case protocol::ErrorCode::InvalidTransition:
        return ChatChannel::tr("This visit is over; its chat is read-only.");
    case protocol::ErrorCode::Forbidden:
        return ChatChannel::tr("You may not write in this chat.");
    case protocol::ErrorCode::NotFound:
        return ChatChannel::tr("This visit no longer exists.");
    default:
        return fromStd(error.message);
    }
}

} // namespace

ChatChannel::ChatChannel(ServerConnection &connection, ChatThreadStore &store, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_store(store)
    , m_subscribeDelay(kFirstRetryDelay)
    , m_outboxDelay(kFirstRetryDelay) {
    qRegisterMetaType<ChatColleague>();
    qRegisterMetaType<QList<ChatColleague>>();
    qRegisterMetaType<CannedResponseRow>();
    qRegisterMetaType<QList<CannedResponseRow>>();

    m_subscribeRetry.setSingleShot(true);
    connect(&m_subscribeRetry, &QTimer::timeout, this, &ChatChannel::subscribe);
    m_outboxRetry.setSingleShot(true);
    connect(&m_outboxRetry, &QTimer::timeout, this, &ChatChannel::flushOutbox);

    connect(&m_connection, &ServerConnection::sessionStarted, this,
            [this](const SessionInfo &session, bool resumed) {
                onSessionStarted(session.userId, resumed);
            });
    connect(&m_connection, &ServerConnection::stateChanged, this,
            [this](const ConnectionState &state) {
                if (state.phase != ConnectionState::Phase::Connected)
                    onLinkDown();
            });
    // Signed out on purpose: nothing of this person's chats stays behind.
    // An expired session keeps the outbox for the same person's next sign-in.
    connect(&m_connection, &ServerConnection::loggedOut, this, [this] {
        forgetEverything();
        m_outbox.clear();
        m_userId.reset();
    });
    connect(&m_connection, &ServerConnection::sessionExpired, &m_store, &ChatThreadStore::clear);
    connect(&m_connection, &ServerConnection::pushReceived, this, &ChatChannel::onPush);
    connect(&m_store, &ChatThreadStore::outOfSync, this, [this](qint64 expected, qint64 received) {
        qCInfo(lcChat) << "chat list gap: expected seq" << expected << "got" << received;
        subscribe();
    });
    connect(&m_store, &ChatThreadStore::threadAboutToBeRemoved, this, [this](int row) {
        onThreadRemoved(m_store.threads()[static_cast<std::size_t>(row)].visitId);
    });
}

ChatChannel::~ChatChannel() = default;

ChatConversation *ChatChannel::conversation(qint64 visitId) const {
    const auto found = m_followed.constFind(visitId);
    return found == m_followed.cend() ? nullptr : found->conversation;
}

qint64 ChatChannel::now() const {
    return QDateTime::currentMSecsSinceEpoch() + m_connection.serverClockOffsetMs();
}

void ChatChannel::onSessionStarted(qint64 userId, bool resumed) {
    if (!resumed && m_userId && *m_userId != userId) {
        // Someone else signed in here: the previous person's unsent messages
        // must not go out under this name.
        forgetEverything();
        m_outbox.clear();
    } else if (!resumed) {
        // The same person again: the list is read afresh; open threads and
        // unsent messages carry on.
        m_store.clear();
    }
    m_userId = userId;
    m_subscribeDelay = kFirstRetryDelay;
    m_outboxDelay = kFirstRetryDelay;
    subscribe();
    for (qint64 visitId : std::as_const(m_openOrder))
        follow(visitId);
    flushOutbox();
}

void ChatChannel::onLinkDown() {
    ++m_link;
    ++m_subscription;
    m_subscribeRetry.stop();
    m_outboxRetry.stop();
    m_store.markDisconnected();
    for (Followed &followed : m_followed) {
        followed.opening = false;
        followed.filling = false;
        followed.loadingOlder = false;
        followed.readSent = 0;
    }
    for (Outgoing &message : m_outbox) {
        if (message.stage == Outgoing::Stage::InFlight)
            message.stage = Outgoing::Stage::Queued; // sent again on the next link
    }
}

void ChatChannel::forgetEverything() {
    const QList<qint64> open = m_openOrder;
    for (qint64 visitId : open) {
        Followed followed = m_followed.take(visitId);
        m_openOrder.removeAll(visitId);
        emit threadClosed(visitId);
        followed.conversation->deleteLater(); // after its view, which was closed first
    }
    m_store.clear();
}

void ChatChannel::subscribe() {
    m_subscribeRetry.stop();
    const quint64 subscription = ++m_subscription;
    ++m_subscriptions;
    m_store.markSubscribing();
    m_connection.request(
        protocol::MessageType::ChatSubscribe, bodyOf(protocol::ChatSubscribe{}),
        [this, subscription](const protocol::Result<protocol::Envelope> &reply) {
            if (subscription != m_subscription)
                return;
            auto threads = replyAs<protocol::ChatThreads>(reply);
            if (!threads) {
                m_store.markDisconnected();
                if (!m_connection.canSendRequests())
                    return; // the next session subscribes
                const protocol::Error &error = threads.error();
                emit actionFailed(0, tr("Load the chats"), codeOf(error), fromStd(error.message));
                if (error.code == protocol::ErrorCode::Forbidden)
                    return;
                m_subscribeRetry.start(m_subscribeDelay);
                m_subscribeDelay = std::min(m_subscribeDelay * 2, kMaxRetryDelay);
                return;
            }
            m_subscribeDelay = kFirstRetryDelay;
            std::vector<ChatThreadRow> rows;
            rows.reserve(threads->threads.size());
            for (const auto &summary : threads->threads)
                rows.push_back(ChatThreadRow::fromProtocol(summary));
            m_store.applySnapshot(rows, static_cast<qint64>(reply->seq.value_or(0)));
            for (const ChatThreadRow &row : rows) {
                if (ChatConversation *followed = conversation(row.visitId))
                    followed->noteServerSeq(row.lastSeq);
            }
        });
}

void ChatChannel::openThread(qint64 visitId) {
    if (visitId <= 0 || m_followed.contains(visitId))
        return;
    Followed followed;
    followed.conversation = new ChatConversation(visitId, this);
    m_followed.insert(visitId, followed);
    m_openOrder.append(visitId);
    showPending(*followed.conversation);
    emit threadOpened(visitId);
    follow(visitId);
}

void ChatChannel::closeThread(qint64 visitId) {
    if (!m_followed.contains(visitId))
        return;
    Followed followed = m_followed.take(visitId);
    m_openOrder.removeAll(visitId);
    emit threadClosed(visitId);
    followed.conversation->deleteLater();
    if (m_connection.canSendRequests())
        m_connection.request(protocol::MessageType::ChatClose,
                             bodyOf(protocol::ChatClose{visitId}),
                             [](const protocol::Result<protocol::Envelope> &) {});
}

void ChatChannel::follow(qint64 visitId) {
    auto found = m_followed.find(visitId);
    if (found == m_followed.end() || found->opening || !m_connection.canSendRequests())
        return;
    found->opening = true;
    const quint64 link = m_link;
    m_connection.request(
        protocol::MessageType::ChatOpen, bodyOf(protocol::ChatOpen{visitId, kPageSize}),
        [this, visitId, link](const protocol::Result<protocol::Envelope> &reply) {
            if (link != m_link || !m_followed.contains(visitId))
                return;
            m_followed[visitId].opening = false;
            auto history = replyAs<protocol::ChatHistory>(reply);
            if (!history) {
                if (!m_connection.canSendRequests())
                    return; // followed again on the next session
                const protocol::Error &error = history.error();
                if (error.code == protocol::ErrorCode::Forbidden ||
                    error.code == protocol::ErrorCode::NotFound)
                    m_followed[visitId].conversation->setReadOnly(true);
                emit actionFailed(visitId, tr("Open the chat with %1").arg(threadLabel(visitId)),
                                  codeOf(error), fromStd(error.message));
                return;
            }
            applyHistory(visitId, *history, false);
            fillGap(visitId);
        });
}

void ChatChannel::applyHistory(qint64 visitId, const protocol::ChatHistory &history, bool older) {
    ChatConversation *followed = conversation(visitId);
    if (!followed)
        return;
    std::vector<ChatLine> lines;
    lines.reserve(history.messages.size());
    for (const auto &entry : history.messages)
        lines.push_back(ChatLine::fromProtocol(entry));
    followed->merge(lines);
    followed->applyHistoryState(history.more, older, history.lastSeq, history.readOnly,
                                history.patientReadSeq, history.staffReadSeq);
}

void ChatChannel::fillGap(qint64 visitId) {
    auto found = m_followed.find(visitId);
    if (found == m_followed.end() || found->filling || found->opening ||
        !m_connection.canSendRequests())
        return;
    const auto gap = found->conversation->gapAfter();
    if (!gap)
        return;
    found->filling = true;
    const quint64 link = m_link;
    protocol::ChatPage page;
    page.visitId = visitId;
    page.afterSeq = *gap;
    page.limit = kGapPageSize;
    m_connection.request(
        page.kType, bodyOf(page),
        [this, visitId, link, from = *gap](const protocol::Result<protocol::Envelope> &reply) {
            if (link != m_link || !m_followed.contains(visitId))
                return;
            m_followed[visitId].filling = false;
            auto history = replyAs<protocol::ChatHistory>(reply);
            if (!history) {
                qCInfo(lcChat) << "could not fill thread" << visitId << "after seq" << from << ":"
                               << codeOf(history.error());
                return; // tried again with the next message or session
            }
            applyHistory(visitId, *history, false);
            const auto next = m_followed[visitId].conversation->gapAfter();
            // Go on only while each page gets further, so a hole the server
            // cannot fill (a message the reader may not see) ends the loop.
            if (next && *next > from)
                fillGap(visitId);
        });
}

void ChatChannel::loadOlder(qint64 visitId) {
    auto found = m_followed.find(visitId);
    if (found == m_followed.end() || found->loadingOlder || !found->conversation->hasOlder() ||
        !m_connection.canSendRequests())
        return;
    found->loadingOlder = true;
    const quint64 link = m_link;
    protocol::ChatPage page;
    page.visitId = visitId;
    page.afterSeq = 0;
    page.beforeSeq = found->conversation->oldestSeq();
    page.limit = kPageSize;
    m_connection.request(
        page.kType, bodyOf(page),
        [this, visitId, link](const protocol::Result<protocol::Envelope> &reply) {
            if (link != m_link || !m_followed.contains(visitId))
                return;
            m_followed[visitId].loadingOlder = false;
            auto history = replyAs<protocol::ChatHistory>(reply);
            if (!history) {
                emit actionFailed(visitId, tr("Load earlier messages"),
                                  codeOf(history.error()), fromStd(history.error().message));
                return;
            }
            applyHistory(visitId, *history, true);
        });
}

QString ChatChannel::send(qint64 visitId, ChatLine::Kind kind, const QString &body) {
    Outgoing message;
    message.visitId = visitId;
    message.clientMessageId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    message.kind = kind;
    message.body = body;
    message.writtenAtMs = now();
    m_outbox.push_back(message);
    if (ChatConversation *followed = conversation(visitId))
        showPending(*followed);
    flushOutbox();
    return message.clientMessageId;
}

void ChatChannel::showPending(ChatConversation &conversation) const {
    for (const Outgoing &message : m_outbox) {
        if (message.visitId != conversation.visitId())
            continue;
        ChatLine line;
        line.clientMessageId = message.clientMessageId;
        line.kind = message.kind;
        line.sender = ChatLine::Sender::Caregiver;
        line.senderId = m_userId;
        line.body = message.body;
        line.sentAtMs = message.writtenAtMs;
        line.delivery = ChatLine::Delivery::Sending;
        conversation.addPending(line);
    }
}

ChatChannel::Outgoing *ChatChannel::outgoing(const QString &clientMessageId) {
    const auto found = std::find_if(m_outbox.begin(), m_outbox.end(), [&](const Outgoing &message) {
        return message.clientMessageId == clientMessageId;
    });
    return found == m_outbox.end() ? nullptr : &*found;
}

void ChatChannel::retry(qint64 visitId, const QString &clientMessageId) {
    Outgoing *message = outgoing(clientMessageId);
    if (!message || message->visitId != visitId || message->stage != Outgoing::Stage::Failed)
        return;
    message->stage = Outgoing::Stage::Queued;
    if (ChatConversation *followed = conversation(visitId))
        followed->markSending(clientMessageId);
    flushOutbox();
}

void ChatChannel::discard(qint64 visitId, const QString &clientMessageId) {
    Outgoing *message = outgoing(clientMessageId);
    if (!message || message->visitId != visitId || message->stage != Outgoing::Stage::Failed)
        return; // one on its way may already be stored: it cannot be taken back
    m_outbox.erase(m_outbox.begin() + (message - m_outbox.data()));
    if (ChatConversation *followed = conversation(visitId))
        followed->removePending(clientMessageId);
}

void ChatChannel::flushOutbox() {
    if (!m_connection.canSendRequests() || m_outboxRetry.isActive())
        return;
    // In the order written, so the server numbers them in that order.
    for (Outgoing &message : m_outbox) {
        if (message.stage == Outgoing::Stage::Queued)
            sendOutgoing(message);
    }
}

void ChatChannel::sendOutgoing(Outgoing &message) {
    message.stage = Outgoing::Stage::InFlight;
    protocol::ChatSend request;
    request.visitId = message.visitId;
    request.clientMessageId = message.clientMessageId.toStdString();
    request.kind = ChatLine::kindName(message.kind);
    request.body = message.body.toStdString();
    const quint64 link = m_link;
    m_connection.request(
        request.kType, bodyOf(request),
        [this, link, id = message.clientMessageId](const protocol::Result<protocol::Envelope> &reply) {
            if (link != m_link)
                return; // the outbox already counts it as unsent
            auto ack = replyAs<protocol::ChatAck>(reply);
            if (!ack) {
                onSendFailed(id, ack.error(), !m_connection.canSendRequests());
                return;
            }
            Outgoing *sent = outgoing(id);
            if (!sent)
                return;
            const qint64 visitId = sent->visitId;
            m_outbox.erase(m_outbox.begin() + (sent - m_outbox.data()));
            m_outboxDelay = kFirstRetryDelay;
            if (ChatConversation *followed = conversation(visitId))
                followed->acknowledge(id, ack->seq, ack->sentAt);
        });
}

void ChatChannel::onSendFailed(const QString &clientMessageId, const protocol::Error &error,
                               bool local) {
    Outgoing *message = outgoing(clientMessageId);
    if (!message)
        return;
    ChatConversation *followed = conversation(message->visitId);
    if (local) {
        message->stage = Outgoing::Stage::Queued; // sent again on the next session
        return;
    }
    if (isTransient(error.code)) {
        message->stage = Outgoing::Stage::Queued;
        if (!m_outboxRetry.isActive()) {
            const auto delay = error.retryAfterSeconds && *error.retryAfterSeconds > 0
                                   ? std::chrono::milliseconds(*error.retryAfterSeconds * 1000)
                                   : m_outboxDelay;
            qCInfo(lcChat) << "chat send deferred (" << codeOf(error) << "), again in"
                           << delay.count() << "ms";
            m_outboxRetry.start(delay);
            m_outboxDelay = std::min(m_outboxDelay * 2, kMaxRetryDelay);
        }
        return;
    }
    message->stage = Outgoing::Stage::Failed;
    if (followed)
        followed->markFailed(clientMessageId, refusalText(error));
    emit actionFailed(message->visitId, tr("Send a message to %1").arg(threadLabel(message->visitId)),
                      codeOf(error), refusalText(error));
}

void ChatChannel::markRead(qint64 visitId, qint64 seq) {
    auto found = m_followed.find(visitId);
    if (found == m_followed.end() || seq <= found->readSent || !m_connection.canSendRequests())
        return;
    found->readSent = seq;
    m_connection.request(protocol::MessageType::ChatRead,
                         bodyOf(protocol::ChatRead{visitId, seq}),
                         [](const protocol::Result<protocol::Envelope> &) {});
}

void ChatChannel::notifyTyping(qint64 visitId) {
    auto found = m_followed.find(visitId);
    if (found == m_followed.end() || !m_connection.canSendRequests())
        return;
    const qint64 at = QDateTime::currentMSecsSinceEpoch();
    if (at - found->typingSentAtMs < kTypingEveryMs)
        return;
    found->typingSentAtMs = at;
    protocol::ChatTyping typing;
    typing.visitId = visitId;
    m_connection.request(typing.kType, bodyOf(typing),
                         [](const protocol::Result<protocol::Envelope> &) {});
}

void ChatChannel::onPush(const protocol::Envelope &push) {
    switch (push.type) {
    case protocol::MessageType::ChatThreadsDelta: {
        auto delta = protocol::decodeBody<protocol::ChatThreadsDelta>(push.body);
        if (!delta) {
            qCWarning(lcChat) << "unreadable chat list delta:" << fromStd(delta.error().message);
            if (m_store.syncStatus() == ChatThreadStore::SyncStatus::Live)
                subscribe();
            return;
        }
        std::vector<ChatThreadRow> rows;
        rows.reserve(delta->threads.size());
        for (const auto &summary : delta->threads)
            rows.push_back(ChatThreadRow::fromProtocol(summary));
        std::vector<qint64> removed(delta->removedVisitIds.begin(), delta->removedVisitIds.end());
        if (m_store.applyDelta(rows, removed, static_cast<qint64>(push.seq.value_or(0)))) {
            for (const ChatThreadRow &row : rows) {
                if (ChatConversation *followed = conversation(row.visitId)) {
                    followed->noteServerSeq(row.lastSeq);
                    fillGap(row.visitId);
                }
            }
        }
        return;
    }
    case protocol::MessageType::ChatMessage: {
        auto message = protocol::decodeBody<protocol::ChatMessage>(push.body);
        if (!message)
            return; // the gap it leaves is filled from history
        if (ChatConversation *followed = conversation(message->visitId)) {
            followed->merge({ChatLine::fromProtocol(message->message)});
            fillGap(message->visitId);
        }
        return;
    }
    case protocol::MessageType::ChatTyping: {
        auto typing = protocol::decodeBody<protocol::ChatTyping>(push.body);
        if (!typing)
            return;
        if (ChatConversation *followed = conversation(typing->visitId)) {
            const bool patient = typing->from.value_or("patient") == "patient";
            followed->setTyping(patient ? QStringLiteral("patient")
                                        : fromStd(typing->name.value_or(std::string())),
                                kTypingShownMs);
        }
        return;
    }
    case protocol::MessageType::ChatReadUpdate: {
        auto update = protocol::decodeBody<protocol::ChatReadUpdate>(push.body);
        if (!update)
            return;
        if (ChatConversation *followed = conversation(update->visitId))
            followed->setReadPositions(update->patientReadSeq, update->staffReadSeq);
        return;
    }
    default:
        return;
    }
}

void ChatChannel::onThreadRemoved(qint64 visitId) {
    // The visit ended, or this caregiver may no longer see it: reading the
    // thread again says which (read-only history, or forbidden).
    auto found = m_followed.find(visitId);
    if (found == m_followed.end())
        return;
    QTimer::singleShot(0, this, [this, visitId] { follow(visitId); });
}

void ChatChannel::claim(qint64 visitId) {
    changeOwner(visitId, tr("Claim the chat with %1").arg(threadLabel(visitId)),
                protocol::MessageType::ChatClaim, bodyOf(protocol::ChatClaim{visitId}));
}

void ChatChannel::changeOwner(qint64 visitId, const QString &action, protocol::MessageType type,
                              const nlohmann::json &body) {
    m_connection.request(
        type, body, [this, visitId, action](const protocol::Result<protocol::Envelope> &reply) {
            auto threads = replyAs<protocol::ChatThreads>(reply);
            if (!threads) {
                emit actionFailed(visitId, action, codeOf(threads.error()),
                                  fromStd(threads.error().message));
                return;
            }
            for (const auto &summary : threads->threads)
                m_store.update(ChatThreadRow::fromProtocol(summary));
            emit actionSucceeded(visitId, action);
        });
}

void ChatChannel::transfer(qint64 visitId, std::optional<qint64> expectedOwnerId,
                           std::optional<qint64> toCaregiverId) {
    const QString action = toCaregiverId
                               ? tr("Hand the chat with %1 to a colleague").arg(threadLabel(visitId))
                               : tr("Return the chat with %1 to the pool").arg(threadLabel(visitId));
    protocol::ChatTransfer request;
    request.visitId = visitId;
    request.expectedOwnerId = expectedOwnerId;
    request.toCaregiverId = toCaregiverId;
    changeOwner(visitId, action, request.kType, bodyOf(request));
}

void ChatChannel::listColleagues() {
    m_connection.request(
        protocol::MessageType::ListChatStaff, bodyOf(protocol::ListChatStaff{}),
        [this](const protocol::Result<protocol::Envelope> &reply) {
            auto list = replyAs<protocol::ChatStaffList>(reply);
            if (!list) {
                emit colleaguesListFailed(fromStd(list.error().message));
                emit actionFailed(0, tr("List colleagues"), codeOf(list.error()),
                                  fromStd(list.error().message));
                return;
            }
            QList<ChatColleague> colleagues;
            for (const auto &member : list->staff)
                colleagues.append(
                    {member.id, fromStd(member.displayName), member.online, member.threads});
            emit colleaguesListed(colleagues);
        });
}

void ChatChannel::listCannedResponses() {
    m_connection.request(
        protocol::MessageType::ListCannedResponses, bodyOf(protocol::ListCannedResponses{}),
        [this](const protocol::Result<protocol::Envelope> &reply) {
            auto list = replyAs<protocol::CannedResponses>(reply);
            if (!list) {
                emit actionFailed(0, tr("Load canned responses"), codeOf(list.error()),
                                  fromStd(list.error().message));
                return;
            }
            QList<CannedResponseRow> responses;
            for (const auto &response : list->responses)
                responses.append(cannedRowOf(response));
            emit cannedResponsesListed(responses);
        });
}

void ChatChannel::saveCannedResponse(const CannedResponseRow &response) {
    protocol::SaveCannedResponse request;
    if (response.id > 0)
        request.id = response.id;
    request.expectedVersion = response.version;
    request.shortcut = response.shortcut.toStdString();
    request.title = response.title.toStdString();
    request.body = response.body.toStdString();
    m_connection.request(
        request.kType, bodyOf(request), [this](const protocol::Result<protocol::Envelope> &reply) {
            auto saved = replyAs<protocol::CannedResponses>(reply);
            if (!saved || saved->responses.empty()) {
                const protocol::Error error =
                    saved ? protocol::Error{protocol::ErrorCode::InvalidEnvelope,
                                            "the reply holds no response",
                                            {},
                                            {}}
                          : saved.error();
                emit cannedResponseFailed(codeOf(error), fromStd(error.message),
                                          fromStd(error.field));
                return;
            }
            emit cannedResponseSaved(cannedRowOf(saved->responses.front()));
            listCannedResponses();
        });
}

void ChatChannel::deleteCannedResponse(qint64 id, qint64 expectedVersion) {
    m_connection.request(
        protocol::MessageType::DeleteCannedResponse,
        bodyOf(protocol::DeleteCannedResponse{id, expectedVersion}),
        [this, id](const protocol::Result<protocol::Envelope> &reply) {
            if (!reply) {
                emit cannedResponseFailed(codeOf(reply.error()), fromStd(reply.error().message),
                                          fromStd(reply.error().field));
                return;
            }
            emit cannedResponseDeleted(id);
            listCannedResponses();
        });
}

QString ChatChannel::threadLabel(qint64 visitId) const {
    if (const ChatThreadRow *thread = m_store.thread(visitId))
        return thread->patientName;
    return tr("visit %1").arg(visitId);
}

} // namespace caredesk::console
