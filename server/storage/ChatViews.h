#pragma once

#include "protocol/Messages.h"
#include "storage/ChatRepository.h"
#include "storage/PqxxFwd.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace caredesk::server {

// One row of the thread list with what the server needs to decide who sees it.
struct ChatThreadRow {
    protocol::ChatThreadSummary summary;
    std::optional<std::int64_t> assignedProviderId; // the visit's provider, if any
    bool open = false;                              // the visit is not over
};

struct ChatReadPositions {
    std::int64_t patientReadSeq = 0;
    std::int64_t staffReadSeq = 0; // the furthest any caregiver has read
};

// Reads that turn chat rows into what the wire shows: thread summaries with
// their previews and unread counts, message entries with caregivers' names.
// Like ChatRepository, nothing here logs.
class ChatViews {
public:
    // Threads of these visits, whatever their visits' status.
    static std::vector<ChatThreadRow> threads(pqxx::transaction_base &tx,
                                              const std::vector<std::int64_t> &visitIds);
    // Every thread of a visit that is not over; with assignedTo, only the
    // threads of the visits assigned to that provider. Ordered by visit id.
    static std::vector<ChatThreadRow> openThreads(pqxx::transaction_base &tx,
                                                  std::optional<std::int64_t> assignedTo);

    // Visits in the state's line (waiting or ready) that have a chat thread.
    static std::vector<std::int64_t> threadsInLine(pqxx::transaction_base &tx,
                                                   const std::string &state);

    static ChatReadPositions readPositions(pqxx::transaction_base &tx, std::int64_t visitId);

    static std::map<std::int64_t, std::string>
    caregiverNames(pqxx::transaction_base &tx, const std::vector<ChatMessage> &messages);

    // Active support and admin caregivers with the number of open threads
    // they own and whether they are signed in now.
    static std::vector<protocol::ChatStaffMember> staff(pqxx::transaction_base &tx);
    // The caregiver's name if they may own threads (active, support or admin).
    static std::optional<std::string> staffName(pqxx::transaction_base &tx,
                                                std::int64_t caregiverId);

    // A message as this reader sees it: caregivers see which colleague wrote.
    static protocol::ChatEntry entry(const ChatMessage &message, bool readerIsCaregiver,
                                     const std::map<std::int64_t, std::string> &names);
};

} // namespace caredesk::server
