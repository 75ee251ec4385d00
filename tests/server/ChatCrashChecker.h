#pragma once

#include "ChatCrashClient.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace caredesk::test {

// Judges the logs of crash-test clients against the history each of them
// fetched at the end (visitId -> the whole thread, oldest first).
struct ChatFinalHistory {
    const ChatCrashClient *client = nullptr;
    std::map<std::int64_t, std::vector<ChatSeen>> threads;
};

struct ChatCrashVerdict {
    int typed = 0;
    int acked = 0;
    int resent = 0;             // sends repeated on a later connection
    int ackedFromFirstCopy = 0; // resends answered with the copy stored before (ack lost)
    int throttled = 0;
    int retriedErrors = 0;
    int pushGaps = 0; // live pushes that skipped seqs (each recovered by paging)
    int stored = 0;   // messages in the final histories

    int unacknowledged = 0;            // typed, never acknowledged
    int lost = 0;                      // acknowledged, missing from the history or at another seq
    int duplicates = 0;                // a message stored twice, or a seq pushed twice
    int phantoms = 0;                  // stored messages nobody typed
    int orderViolations = 0;           // gaps in a history, pushes out of order
    int disagreements = 0;             // clients seeing different contents for one seq
    std::vector<std::string> problems; // the first few, for the failure message

    bool clean() const {
        return unacknowledged == 0 && lost == 0 && duplicates == 0 && phantoms == 0 &&
               orderViolations == 0 && disagreements == 0;
    }
    std::string summary() const;
};

ChatCrashVerdict checkChatLogs(const std::vector<const ChatCrashClient *> &clients,
                               const std::vector<ChatFinalHistory> &finals);

} // namespace caredesk::test
