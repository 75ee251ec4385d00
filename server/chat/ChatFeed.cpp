#include "chat/ChatFeed.h"

#include "app/Logging.h"
#include "protocol/Messages.h"

#include <algorithm>
#include <charconv>
#include <limits>
#include <pqxx/pqxx>

namespace caredesk::server {

namespace {

constexpr const char *kChannel = "caredesk_chat";

std::shared_ptr<spdlog::logger> logger() {
    return subsystemLogger("chat");
}

// Payloads: "m:<visit>:<seq>" a message, "o:<visit>" the thread's row,
// "r:<visit>" read positions, "t:<visit>:p" / "t:<visit>:c:<caregiver>" typing.
std::vector<std::string_view> splitPayload(std::string_view payload) {
    std::vector<std::string_view> parts;
    while (true) {
        const auto colon = payload.find(':');
        parts.push_back(payload.substr(0, colon));
        if (colon == std::string_view::npos)
            return parts;
        payload.remove_prefix(colon + 1);
    }
}

std::optional<std::int64_t> number(std::string_view text) {
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value <= 0)
        return std::nullopt;
    return value;
}

bool isPatient(const ChatParticipant &who) {
    return who.kind == ChatParticipant::Kind::Patient;
}

} // namespace

struct ChatFeed::Changes {
    std::vector<std::pair<std::int64_t, std::int64_t>> messages; // (visit, seq)
    std::set<std::int64_t> threads;
    std::set<std::int64_t> reads;
    std::vector<std::pair<std::int64_t, ChatParticipant>> typing;

    static Changes parse(const std::vector<std::string> &payloads) {
        Changes changes;
        for (const auto &payload : payloads) {
            const auto parts = splitPayload(payload);
            const auto visit = parts.size() >= 2 ? number(parts[1]) : std::nullopt;
            if (!visit) {
                logger()->warn("ignoring malformed chat notification");
                continue;
            }
            if (parts[0] == "m" && parts.size() == 3) {
                if (const auto seq = number(parts[2])) {
                    changes.messages.emplace_back(*visit, *seq);
                    changes.threads.insert(*visit);
                }
            } else if (parts[0] == "o" && parts.size() == 2) {
                changes.threads.insert(*visit);
            } else if (parts[0] == "r" && parts.size() == 2) {
                changes.reads.insert(*visit);
                changes.threads.insert(*visit); // unread counts and the patient's position
            } else if (parts[0] == "t" && parts.size() == 3 && parts[2] == "p") {
                changes.typing.emplace_back(*visit, ChatParticipant::patient());
            } else if (parts[0] == "t" && parts.size() == 4 && parts[2] == "c") {
                if (const auto id = number(parts[3]))
                    changes.typing.emplace_back(*visit, ChatParticipant::caregiver(*id));
            } else {
                logger()->warn("ignoring unknown chat notification kind");
            }
        }
        return changes;
    }
};

ChatFeed::ChatFeed(std::string connectionString)
    : m_connectionString(std::move(connectionString)) {}

ChatFeed::~ChatFeed() {
    stop();
}

void ChatFeed::start() {
    ChangeListener::Options options;
    options.connectionString = m_connectionString;
    options.channel = kChannel;
    // Also how long a posted follow or subscription may wait for the thread.
    options.coalesce = std::chrono::milliseconds(5);
    options.tickInterval = kThreadsInterval;
    m_listener = std::make_unique<ChangeListener>(
        options,
        [this](pqxx::connection_base &db, const std::vector<std::string> &payloads) {
            handle(db, payloads);
        },
        [this](pqxx::connection_base &db) { resync(db); },
        // Thread-list changes of a quiet moment go out on the next tick.
        [this](pqxx::connection_base &db) {
            if (m_pendingThreads.empty())
                return;
            try {
                pqxx::read_transaction tx(db);
                pushPendingThreads(tx);
            } catch (const pqxx::broken_connection &) {
                throw;
            } catch (const std::exception &error) {
                logger()->error("chat thread list push failed: {}", error.what());
            }
        });
    m_listener->start();
}

void ChatFeed::stop() {
    if (m_listener)
        m_listener->stop();
}

void ChatFeed::notifyMessage(pqxx::transaction_base &tx, std::int64_t visitId, std::int64_t seq) {
    ChangeListener::notifyChange(tx, "m:" + std::to_string(visitId) + ":" + std::to_string(seq),
                                 kChannel);
}

void ChatFeed::notifyThread(pqxx::transaction_base &tx, std::int64_t visitId) {
    ChangeListener::notifyChange(tx, "o:" + std::to_string(visitId), kChannel);
}

void ChatFeed::notifyRead(pqxx::transaction_base &tx, std::int64_t visitId) {
    ChangeListener::notifyChange(tx, "r:" + std::to_string(visitId), kChannel);
}

void ChatFeed::notifyTyping(pqxx::transaction_base &tx, std::int64_t visitId,
                            const ChatParticipant &who) {
    std::string payload = "t:" + std::to_string(visitId);
    payload += isPatient(who) ? std::string(":p") : ":c:" + std::to_string(*who.caregiverId);
    ChangeListener::notifyChange(tx, payload, kChannel);
}

void ChatFeed::postSystemMessage(pqxx::transaction_base &tx, std::int64_t visitId,
                                 const std::string &eventKey, const std::string &text) {
    if (!ChatRepository::find(tx, visitId))
        return;
    const auto appended = ChatRepository::append(tx, visitId, ChatParticipant::system(), eventKey,
                                                 ChatMessageKind::System, text);
    if (appended.inserted)
        notifyMessage(tx, visitId, appended.message.seq);
}

void ChatFeed::subscribeThreads(const std::shared_ptr<ClientConnection> &connection,
                                const std::string &requestId, std::int64_t caregiverId,
                                std::optional<std::int64_t> assignedTo) {
    std::weak_ptr<ClientConnection> weak = connection;
    m_listener->post([this, weak, requestId, caregiverId, assignedTo](pqxx::connection_base &db) {
        auto live = weak.lock();
        if (!live)
            return;
        protocol::ChatThreads snapshot;
        ListSubscriber subscriber{weak, caregiverId, assignedTo, 0, {}};
        try {
            pqxx::read_transaction tx(db);
            for (auto &row : ChatViews::openThreads(tx, assignedTo)) {
                subscriber.shown.insert(row.summary.visitId);
                snapshot.threads.push_back(std::move(row.summary));
            }
        } catch (const pqxx::broken_connection &) {
            throw;
        } catch (const std::exception &error) {
            logger()->error("conn={} chat thread list failed: {}", live->id(), error.what());
            live->send(protocol::encode(protocol::Error{protocol::ErrorCode::Unavailable,
                                                        "the chat list could not be read; "
                                                        "subscribe again",
                                                        {},
                                                        2},
                                        requestId));
            return;
        }
        {
            std::lock_guard lock(m_mutex);
            m_lists[live->id()] = std::move(subscriber);
        }
        live->send(protocol::encode(snapshot, requestId, 0));
    });
}

void ChatFeed::follow(const std::shared_ptr<ClientConnection> &connection,
                      const std::string &requestId, std::int64_t visitId,
                      const ChatParticipant &reader, int limit) {
    std::weak_ptr<ClientConnection> weak = connection;
    m_listener->post([this, weak, requestId, visitId, reader, limit](pqxx::connection_base &db) {
        auto live = weak.lock();
        if (!live)
            return;
        protocol::ChatHistory history;
        history.visitId = visitId;
        try {
            pqxx::read_transaction tx(db);
            const auto page = ChatRepository::page(tx, visitId, reader, 0, limit);
            const auto names = ChatViews::caregiverNames(tx, page.messages);
            for (const auto &message : page.messages)
                history.messages.push_back(ChatViews::entry(message, !isPatient(reader), names));
            history.more = page.more;
            history.lastSeq = page.lastSeq;
            const auto rows = ChatViews::threads(tx, {visitId});
            history.readOnly = rows.empty() || !rows.front().open;
            const auto positions = ChatViews::readPositions(tx, visitId);
            history.patientReadSeq = positions.patientReadSeq;
            history.staffReadSeq = positions.staffReadSeq;
        } catch (const pqxx::broken_connection &) {
            throw;
        } catch (const std::exception &error) {
            logger()->error("conn={} chat history of visit {} failed: {}", live->id(), visitId,
                            error.what());
            live->send(protocol::encode(protocol::Error{protocol::ErrorCode::Unavailable,
                                                        "the chat could not be read; open it "
                                                        "again",
                                                        {},
                                                        2},
                                        requestId));
            return;
        }
        {
            std::lock_guard lock(m_mutex);
            m_followers[visitId][live->id()] = Follower{weak, reader, history.lastSeq};
        }
        live->send(protocol::encode(history, requestId));
    });
}

void ChatFeed::unfollow(std::uint64_t connectionId, std::int64_t visitId) {
    std::lock_guard lock(m_mutex);
    const auto it = m_followers.find(visitId);
    if (it == m_followers.end())
        return;
    it->second.erase(connectionId);
    if (it->second.empty())
        m_followers.erase(it);
}

void ChatFeed::pruneGone() {
    std::lock_guard lock(m_mutex);
    std::erase_if(m_lists, [](const auto &entry) { return entry.second.connection.expired(); });
    for (auto visit = m_followers.begin(); visit != m_followers.end();) {
        std::erase_if(visit->second,
                      [](const auto &entry) { return entry.second.connection.expired(); });
        visit = visit->second.empty() ? m_followers.erase(visit) : std::next(visit);
    }
}

void ChatFeed::handle(pqxx::connection_base &db, const std::vector<std::string> &payloads) {
    // Followers of threads that fall silent are otherwise never looked at again.
    if (++m_batchesSincePrune >= kPruneEveryBatches) {
        m_batchesSincePrune = 0;
        pruneGone();
    }
    const auto changes = Changes::parse(payloads);
    try {
        pqxx::read_transaction tx(db);
        pushMessages(tx, ChatRepository::messagesAt(tx, changes.messages));
        if (!changes.reads.empty())
            pushReads(tx, changes.reads);
        if (!changes.typing.empty())
            pushTyping(tx, changes);
        m_pendingThreads.insert(changes.threads.begin(), changes.threads.end());
        if (std::chrono::steady_clock::now() - m_lastThreadsPush >= kThreadsInterval)
            pushPendingThreads(tx);
    } catch (const pqxx::broken_connection &) {
        throw; // the listener reconnects, then resync() catches up
    } catch (const std::exception &error) {
        logger()->error("chat push failed: {}", error.what());
    }
}

// Notifications may have been lost with the connection: every follower gets
// what it missed since its last seq, every list subscriber every row again.
void ChatFeed::resync(pqxx::connection_base &db) {
    pruneGone();
    std::vector<std::pair<std::int64_t, std::int64_t>> missed;
    {
        std::lock_guard lock(m_mutex);
        for (const auto &[visitId, followers] : m_followers) {
            std::int64_t oldest = std::numeric_limits<std::int64_t>::max();
            for (const auto &[connectionId, follower] : followers)
                oldest = std::min(oldest, follower.lastSentSeq);
            if (!followers.empty())
                missed.emplace_back(visitId, oldest);
        }
    }
    // Read as the server: notes included; pushMessages() filters per reader.
    const auto everything = ChatParticipant::system();
    pqxx::read_transaction tx(db);
    for (const auto &[visitId, after] : missed) {
        auto page =
            ChatRepository::since(tx, visitId, everything, after, ChatRepository::kMaxPageSize);
        while (true) {
            pushMessages(tx, page.messages);
            if (!page.more || page.messages.empty())
                break;
            page = ChatRepository::since(tx, visitId, everything, page.messages.back().seq,
                                         ChatRepository::kMaxPageSize);
        }
    }
    pushThreads(ChatViews::openThreads(tx, std::nullopt), true);
    std::set<std::int64_t> visits;
    for (const auto &[visitId, after] : missed)
        visits.insert(visitId);
    pushReads(tx, visits);
}

void ChatFeed::pushMessages(pqxx::transaction_base &tx, const std::vector<ChatMessage> &messages) {
    if (messages.empty())
        return;
    const auto names = ChatViews::caregiverNames(tx, messages);
    std::vector<std::pair<std::shared_ptr<ClientConnection>, std::string>> sends;
    {
        std::lock_guard lock(m_mutex);
        for (const auto &message : messages) {
            const auto it = m_followers.find(message.visitId);
            if (it == m_followers.end())
                continue;
            std::optional<std::string> forStaff;
            std::optional<std::string> forPatient;
            for (auto follower = it->second.begin(); follower != it->second.end();) {
                auto live = follower->second.connection.lock();
                if (!live) {
                    follower = it->second.erase(follower);
                    continue;
                }
                auto &state = follower->second;
                if (message.seq > state.lastSentSeq) {
                    state.lastSentSeq = message.seq;
                    const bool patient = isPatient(state.reader);
                    if (!(patient && message.kind == ChatMessageKind::Note)) {
                        auto &frame = patient ? forPatient : forStaff;
                        if (!frame)
                            frame = protocol::encode(protocol::ChatMessage{
                                message.visitId, ChatViews::entry(message, !patient, names)});
                        sends.emplace_back(live, *frame);
                    }
                }
                ++follower;
            }
        }
    }
    for (auto &[target, frame] : sends)
        target->send(std::move(frame));
}

bool ChatFeed::sees(const ListSubscriber &subscriber, const ChatThreadRow &row) {
    if (!row.open)
        return false;
    return !subscriber.assignedTo || row.assignedProviderId == subscriber.assignedTo;
}

// Thread-list rows change with every message; a list is read by people, so
// its deltas go out at most every kThreadsInterval, each with every row
// changed since the last one, rather than one per message to every console.
void ChatFeed::pushPendingThreads(pqxx::transaction_base &tx) {
    m_lastThreadsPush = std::chrono::steady_clock::now();
    if (m_pendingThreads.empty())
        return;
    const std::vector<std::int64_t> visits(m_pendingThreads.begin(), m_pendingThreads.end());
    m_pendingThreads.clear();
    pushThreads(ChatViews::threads(tx, visits), false);
}

void ChatFeed::pushThreads(const std::vector<ChatThreadRow> &rows, bool everyRow) {
    std::vector<std::pair<std::shared_ptr<ClientConnection>, std::string>> sends;
    {
        std::lock_guard lock(m_mutex);
        for (auto it = m_lists.begin(); it != m_lists.end();) {
            auto live = it->second.connection.lock();
            if (!live) {
                it = m_lists.erase(it);
                continue;
            }
            auto &subscriber = it->second;
            protocol::ChatThreadsDelta delta;
            std::set<std::int64_t> present;
            for (const auto &row : rows) {
                present.insert(row.summary.visitId);
                if (sees(subscriber, row)) {
                    subscriber.shown.insert(row.summary.visitId);
                    delta.threads.push_back(row.summary);
                } else if (subscriber.shown.erase(row.summary.visitId) > 0) {
                    delta.removedVisitIds.push_back(row.summary.visitId);
                }
            }
            if (everyRow) { // rows is every open thread: the ones missing from it are gone
                for (auto shown = subscriber.shown.begin(); shown != subscriber.shown.end();) {
                    if (!present.count(*shown)) {
                        delta.removedVisitIds.push_back(*shown);
                        shown = subscriber.shown.erase(shown);
                    } else {
                        ++shown;
                    }
                }
            }
            if (!delta.threads.empty() || !delta.removedVisitIds.empty())
                sends.emplace_back(live, protocol::encode(delta, {}, ++subscriber.seq));
            ++it;
        }
    }
    for (auto &[target, frame] : sends)
        target->send(std::move(frame));
}

void ChatFeed::pushReads(pqxx::transaction_base &tx, const std::set<std::int64_t> &visits) {
    for (const auto visitId : visits) {
        {
            std::lock_guard lock(m_mutex);
            if (!m_followers.count(visitId))
                continue;
        }
        const auto positions = ChatViews::readPositions(tx, visitId);
        const auto frame = protocol::encode(
            protocol::ChatReadUpdate{visitId, positions.patientReadSeq, positions.staffReadSeq});
        std::lock_guard lock(m_mutex);
        const auto it = m_followers.find(visitId);
        if (it == m_followers.end())
            continue;
        for (const auto &[connectionId, follower] : it->second)
            if (auto live = follower.connection.lock())
                live->send(frame);
    }
}

void ChatFeed::pushTyping(pqxx::transaction_base &tx, const Changes &changes) {
    for (const auto &[visitId, who] : changes.typing) {
        {
            std::lock_guard lock(m_mutex);
            if (!m_followers.count(visitId))
                continue;
        }
        protocol::ChatTyping notice;
        notice.visitId = visitId;
        notice.from = isPatient(who) ? "patient" : "caregiver";
        const auto toPatient = protocol::encode(notice);
        if (!isPatient(who))
            notice.name = caregiverName(tx, *who.caregiverId);
        const auto toStaff = protocol::encode(notice);
        std::lock_guard lock(m_mutex);
        const auto it = m_followers.find(visitId);
        if (it == m_followers.end())
            continue;
        for (const auto &[connectionId, follower] : it->second) {
            if (follower.reader == who)
                continue; // not to the typist's own screens
            if (auto live = follower.connection.lock())
                live->send(isPatient(follower.reader) ? toPatient : toStaff);
        }
    }
}

std::string ChatFeed::caregiverName(pqxx::transaction_base &tx, std::int64_t caregiverId) {
    if (const auto it = m_names.find(caregiverId); it != m_names.end())
        return it->second;
    const auto rows =
        tx.exec_params("SELECT display_name FROM caregivers WHERE id = $1", caregiverId);
    std::string name = rows.empty() ? std::string("A colleague") : rows[0][0].as<std::string>();
    m_names[caregiverId] = name;
    return name;
}

} // namespace caredesk::server
