#include "handlers/ChatHandler.h"

#include "chat/ChatFeed.h"
#include "chat/ChatWriter.h"
#include "domain/VisitStatus.h"
#include "storage/AuditLog.h"
#include "storage/ChatRepository.h"
#include "storage/ChatViews.h"
#include "storage/DatabasePool.h"
#include "storage/VisitRepository.h"

#include <pqxx/pqxx>

namespace caredesk::server {

namespace {

using domain::Role;
using protocol::ErrorCode;

[[noreturn]] void refuse(ErrorCode code, std::string message, std::string field = {}) {
    throw RequestError{{code, std::move(message), std::move(field), std::nullopt}};
}

bool isStaff(const Request &request) {
    return request.hasIdentity() &&
           request.identity().caregiver.roles.intersects({Role::Support, Role::Admin});
}

// Who is asking about this visit's thread, after checking that they may:
// the patient of the visit (their connection filed or resumed it), support
// and admins for any visit, a provider for the visits assigned to them.
ChatParticipant participantFor(pqxx::transaction_base &tx, Request &request, std::int64_t visitId) {
    if (!request.hasIdentity()) {
        const auto own = request.connection().patientVisit();
        if (!own || *own != visitId)
            refuse(ErrorCode::Forbidden, "this chat belongs to another visit", "body.visitId");
        return ChatParticipant::patient();
    }
    const auto &caregiver = request.identity().caregiver;
    const auto visit = VisitRepository::find(tx, visitId);
    if (!visit)
        refuse(ErrorCode::NotFound, "no such visit", "body.visitId");
    if (!isStaff(request) && visit->assignedProviderId != caregiver.id)
        refuse(ErrorCode::Forbidden,
               "only support staff, admins and the visit's provider can see its chat",
               "body.visitId");
    return ChatParticipant::caregiver(caregiver.id);
}

// An audit row about a visit's thread, by the caregiver of the request.
void auditThread(pqxx::transaction_base &tx, Request &request, const char *action,
                 std::int64_t visitId, nlohmann::json detail) {
    AuditEvent event;
    event.actorKind = AuditEvent::Actor::Caregiver;
    event.actorId = request.identity().caregiver.id;
    event.action = action;
    event.subjectType = "visit";
    event.subjectId = std::to_string(visitId);
    event.clientAddress = request.connection().remoteAddress();
    event.detail = std::move(detail);
    AuditLog::append(tx, event);
}

void auditRead(pqxx::transaction_base &tx, Request &request, std::int64_t visitId,
               nlohmann::json detail) {
    auditThread(tx, request, "chat.read", visitId, std::move(detail));
}

void auditOwner(pqxx::transaction_base &tx, Request &request, std::int64_t visitId,
                std::optional<std::int64_t> before, std::optional<std::int64_t> after) {
    auditThread(tx, request, "chat.owner_changed", visitId,
                {{"before", before ? nlohmann::json(*before) : nlohmann::json()},
                 {"after", after ? nlohmann::json(*after) : nlohmann::json()}});
}

// The repository names fields inside the message; replies name them from the
// envelope, as the codec does ("body.body", "body.clientMessageId").
template <class Action>
auto withBodyPaths(Action action) {
    try {
        return action();
    } catch (RequestError &error) {
        auto &field = error.error.field;
        if (!field.empty() && field.rfind("body.", 0) != 0)
            field = "body." + field;
        throw;
    }
}

protocol::ChatHistory historyFrom(pqxx::transaction_base &tx, std::int64_t visitId,
                                  const ChatParticipant &reader, const ChatPage &page) {
    protocol::ChatHistory history;
    history.visitId = visitId;
    const auto names = ChatViews::caregiverNames(tx, page.messages);
    const bool caregiver = reader.kind == ChatParticipant::Kind::Caregiver;
    for (const auto &message : page.messages)
        history.messages.push_back(ChatViews::entry(message, caregiver, names));
    history.more = page.more;
    history.lastSeq = page.lastSeq;
    const auto visit = VisitRepository::find(tx, visitId);
    history.readOnly = !visit || domain::isTerminal(visit->status);
    const auto positions = ChatViews::readPositions(tx, visitId);
    history.patientReadSeq = positions.patientReadSeq;
    history.staffReadSeq = positions.staffReadSeq;
    return history;
}

protocol::ChatThreads threadReply(pqxx::transaction_base &tx, std::int64_t visitId) {
    protocol::ChatThreads reply;
    for (auto &row : ChatViews::threads(tx, {visitId}))
        reply.threads.push_back(std::move(row.summary));
    return reply;
}

std::string senderKey(const ChatParticipant &sender, std::int64_t visitId) {
    return sender.kind == ChatParticipant::Kind::Patient
               ? "p" + std::to_string(visitId)
               : "c" + std::to_string(sender.caregiverId.value_or(0));
}

} // namespace

ChatHandler::ChatHandler(ChatFeed &feed, ChatWriter &writer, ChatRateLimiter::Options limits)
    : m_feed(feed)
    , m_writer(writer)
    , m_limiter(limits) {}

void ChatHandler::registerRoutes(RouteTable &routes) {
    registerReads(routes);
    registerWrites(routes);
    registerOwnership(routes);
}

void ChatHandler::registerReads(RouteTable &routes) {
    routes.authenticated<protocol::ChatSubscribe>(
        {}, [this](pqxx::work &tx, Request &request, const protocol::ChatSubscribe &) {
            const auto &caregiver = request.identity().caregiver;
            // Support and admins see every open thread; a provider only theirs.
            const auto assignedTo =
                isStaff(request) ? std::nullopt : std::optional<std::int64_t>(caregiver.id);
            AuditEvent event;
            event.actorKind = AuditEvent::Actor::Caregiver;
            event.actorId = caregiver.id;
            event.action = "chat.threads_listed";
            event.subjectType = "chat";
            event.clientAddress = request.connection().remoteAddress();
            AuditLog::append(tx, event);
            request.setAfterCommit([this, &request, assignedTo] {
                m_feed.subscribeThreads(request.connectionPtr(), request.envelope().id,
                                        request.identity().caregiver.id, assignedTo);
            });
            request.handOffAfterCommit();
        });

    routes.participant<protocol::ChatOpen>([this](pqxx::work &tx, Request &request,
                                                  const protocol::ChatOpen &m) {
        const auto reader = participantFor(tx, request, m.visitId);
        const auto visit = VisitRepository::find(tx, m.visitId);
        if (!ChatRepository::find(tx, m.visitId) && !domain::isTerminal(visit->status)) {
            ChatRepository::open(tx, m.visitId);
            ChatFeed::notifyThread(tx, m.visitId); // a new row in the thread lists
        }
        if (request.hasIdentity())
            auditRead(tx, request, m.visitId, {{"opened", true}});
        const int limit = static_cast<int>(m.limit);
        request.setAfterCommit([this, &request, visitId = m.visitId, reader, limit] {
            m_feed.follow(request.connectionPtr(), request.envelope().id, visitId, reader, limit);
        });
        request.handOffAfterCommit();
    });

    routes.participant<protocol::ChatClose>(
        [this](pqxx::work &tx, Request &request, const protocol::ChatClose &m) {
            participantFor(tx, request, m.visitId);
            request.setAfterCommit([this, &request, visitId = m.visitId] {
                m_feed.unfollow(request.connection().id(), visitId);
            });
            request.stageReply(protocol::Ok{});
        });

    routes.participant<protocol::ChatPage>([](pqxx::work &tx, Request &request,
                                              const protocol::ChatPage &m) {
        const auto reader = participantFor(tx, request, m.visitId);
        const int limit = static_cast<int>(m.limit);
        auto page = m.beforeSeq ? ChatRepository::page(tx, m.visitId, reader, *m.beforeSeq, limit)
                                : ChatRepository::since(tx, m.visitId, reader, m.afterSeq, limit);
        if (m.beforeSeq) // the range's lower end: nothing at or below afterSeq
            std::erase_if(page.messages, [&m, &page](const ChatMessage &message) {
                const bool below = message.seq <= m.afterSeq;
                page.more = page.more && !below;
                return below;
            });
        if (request.hasIdentity())
            auditRead(tx, request, m.visitId,
                      {{"afterSeq", m.afterSeq},
                       {"beforeSeq", m.beforeSeq ? nlohmann::json(*m.beforeSeq) : nullptr},
                       {"messages", page.messages.size()}});
        request.stageReply(historyFrom(tx, m.visitId, reader, page));
    });
}

void ChatHandler::registerWrites(RouteTable &routes) {
    routes.participant<protocol::ChatSend>([this](pqxx::work &tx, Request &request,
                                                  const protocol::ChatSend &m) {
        const auto sender = participantFor(tx, request, m.visitId);
        const bool patient = sender.kind == ChatParticipant::Kind::Patient;
        if (m.kind == "note" && patient)
            refuse(ErrorCode::Forbidden, "only caregivers write internal notes", "body.kind");
        const auto key = senderKey(sender, m.visitId);
        const auto now = ChatRateLimiter::Clock::now();
        if (const auto retryAfter = m_limiter.take(key, patient, now)) {
            // A resend of a stored message is answered whatever the rate.
            const auto stored = ChatRepository::findSent(tx, m.visitId, sender, m.clientMessageId);
            if (!stored)
                throw RequestError{{ErrorCode::Throttled,
                                    "you are sending messages faster than we can take "
                                    "them; send this one again shortly",
                                    "", *retryAfter}};
            request.stageReply(
                protocol::ChatAck{m.visitId, m.clientMessageId, stored->seq, stored->createdAt});
            return;
        }
        // Stored by the writer in a batch with other senders' messages; it
        // answers chat_ack (or the refusal) after that commit.
        ChatWriter::Append append;
        append.requestId = request.envelope().id;
        append.visitId = m.visitId;
        append.sender = sender;
        append.clientMessageId = m.clientMessageId;
        append.kind = m.kind == "note" ? ChatMessageKind::Note : ChatMessageKind::Text;
        append.body = m.body;
        append.settled = [this, key, patient, now](bool counted) {
            if (!counted) // a repeat or a refused message does not count
                m_limiter.refund(key, patient, now);
        };
        request.setAfterCommit([this, &request, append = std::move(append)]() mutable {
            append.connection = request.connectionPtr();
            m_writer.submit(std::move(append));
        });
        request.handOffAfterCommit();
    });

routes.participant<protocol::ChatTyping>([](pqxx::work &tx, Request &request,
                                            const protocol::ChatTyping &m) {
    const auto who = participantFor(tx, request, m.visitId);
    ChatFeed::notifyTyping(tx, m.visitId, who);
    request.stageReply(protocol::Ok{});
});

routes.participant<protocol::ChatRead>([](pqxx::work &tx, Request &request,
                                          const protocol::ChatRead &m) {
    const auto reader = participantFor(tx, request, m.visitId);
    const auto before = ChatRepository::readPosition(tx, m.visitId, reader);
    if (ChatRepository::markRead(tx, m.visitId, reader, m.seq) != before)
        ChatFeed::notifyRead(tx, m.visitId);
    request.stageReply(protocol::Ok{});
});
}

void ChatHandler::registerOwnership(RouteTable &routes) {
    const domain::RoleSet staff{Role::Support, Role::Admin};

    routes.authenticated<protocol::ChatClaim>(staff, [](pqxx::work &tx, Request &request,
                                                        const protocol::ChatClaim &m) {
        const auto me = request.identity().caregiver.id;
        const auto thread = withBodyPaths(
            [&] { return ChatRepository::changeOwner(tx, m.visitId, std::nullopt, me); });
        auditOwner(tx, request, m.visitId, std::nullopt, me);
        // Told once per claim of the thread as it stands, not per retry.
        ChatFeed::postSystemMessage(
            tx, m.visitId, "joined-" + std::to_string(me) + "-" + std::to_string(thread.lastSeq),
            "A member of our care team has joined the chat.");
        ChatFeed::notifyThread(tx, m.visitId);
        request.stageReply(threadReply(tx, m.visitId));
    });

    routes.authenticated<protocol::ChatTransfer>(staff, [](pqxx::work &tx, Request &request,
                                                           const protocol::ChatTransfer &m) {
        const auto me = request.identity().caregiver.id;
        std::optional<std::string> toName;
        if (m.toCaregiverId)
            toName = ChatViews::staffName(tx, *m.toCaregiverId);
        if (m.toCaregiverId && !toName)
            refuse(ErrorCode::NotFound, "no active support or admin colleague has this id",
                   "body.toCaregiverId");
        const auto thread = withBodyPaths([&] {
            return ChatRepository::changeOwner(tx, m.visitId, m.expectedOwnerId, m.toCaregiverId);
        });
        auditOwner(tx, request, m.visitId, m.expectedOwnerId, m.toCaregiverId);
        const auto suffix =
            std::to_string(m.toCaregiverId.value_or(0)) + "-" + std::to_string(thread.lastSeq);
        // The patient learns only that someone else will answer; colleagues
        // see who handed the thread to whom, in a note.
        const std::string note =
            toName ? "Transferred to " + *toName + "." : "Returned to the pool.";
        const auto appended =
            ChatRepository::append(tx, m.visitId, ChatParticipant::caregiver(me),
                                   "transfer-" + suffix, ChatMessageKind::Note, note);
        if (appended.inserted)
            ChatFeed::notifyMessage(tx, m.visitId, appended.message.seq);
        if (m.toCaregiverId)
            ChatFeed::postSystemMessage(
                tx, m.visitId, "handover-" + suffix,
                "Another member of our care team will continue this chat with you.");
        ChatFeed::notifyThread(tx, m.visitId);
        request.stageReply(threadReply(tx, m.visitId));
    });

    routes.authenticated<protocol::ListChatStaff>(
        staff, [](pqxx::work &tx, Request &request, const protocol::ListChatStaff &) {
            request.stageReply(protocol::ChatStaffList{ChatViews::staff(tx)});
        });
}

} // namespace caredesk::server
