#include "net/PendingRequests.h"

#include "protocol/Messages.h"

#include <utility>
#include <vector>

namespace caredesk::console {

std::string PendingRequests::add(Completion completion, Clock::time_point deadline) {
    std::string id = "c" + std::to_string(m_nextNumber++);
    m_entries.emplace(id, Entry{std::move(completion), deadline});
    return id;
}

bool PendingRequests::complete(const std::string &id, protocol::Envelope reply) {
    auto node = m_entries.extract(id);
    if (node.empty())
        return false;
    // Taken out of the map first: the completion may send the next request.
    const Completion completion = std::move(node.mapped().completion);
    if (reply.type == protocol::MessageType::Error) {
        auto error = protocol::decodeBody<protocol::Error>(reply.body);
        if (error)
            completion(*error);
        else
            completion(error.error());
        return true;
    }
    completion(std::move(reply));
    return true;
}

void PendingRequests::failAll(const protocol::Error &error) {
    auto failing = std::exchange(m_entries, {});
    for (auto &[id, entry] : failing)
        entry.completion(error);
}

void PendingRequests::failExpired(Clock::time_point now, const protocol::Error &error) {
    std::vector<Completion> expired;
    for (auto it = m_entries.begin(); it != m_entries.end();) {
        if (it->second.deadline <= now) {
            expired.push_back(std::move(it->second.completion));
            it = m_entries.erase(it);
        } else {
            ++it;
        }
    }
    for (auto &completion : expired)
        completion(error);
}

std::optional<PendingRequests::Clock::time_point> PendingRequests::nextDeadline() const {
    std::optional<Clock::time_point> earliest;
    for (const auto &[id, entry] : m_entries) {
        if (!earliest || entry.deadline < *earliest)
            earliest = entry.deadline;
    }
    return earliest;
}

} // namespace caredesk::console
