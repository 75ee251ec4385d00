#include "ChatCrashChecker.h"

#include <set>
#include <sstream>

namespace caredesk::test {

namespace {

void note(ChatCrashVerdict &verdict, const std::string &problem) {
    if (verdict.problems.size() < 12)
        verdict.problems.push_back(problem);
}

bool sameMessage(const ChatSeen &a, const ChatSeen &b) {
    return a.seq == b.seq && a.clientMessageId == b.clientMessageId && a.body == b.body &&
           a.sender == b.sender;
}

} // namespace

std::string ChatCrashVerdict::summary() const {
    std::ostringstream out;
    out << "typed " << typed << ", acked " << acked << ", resent after reconnect " << resent
        << " (answered with the copy stored before their ack was lost " << ackedFromFirstCopy
        << "), throttled " << throttled << ", retried after errors " << retriedErrors
        << ", live push gaps " << pushGaps << ", stored " << stored << "; unacknowledged "
        << unacknowledged << ", lost " << lost << ", duplicates " << duplicates << ", phantoms "
        << phantoms << ", order violations " << orderViolations << ", disagreements "
        << disagreements;
    for (const auto &problem : problems)
        out << "\n  " << problem;
    return out.str();
}

ChatCrashVerdict checkChatLogs(const std::vector<const ChatCrashClient *> &clients,
                               const std::vector<ChatFinalHistory> &finals) {
    ChatCrashVerdict verdict;

    // One reference history per thread: the first follower's; every other
    // follower must have fetched exactly the same.
    std::map<std::int64_t, std::vector<ChatSeen>> reference;
    for (const auto &final : finals) {
        for (const auto &[visitId, thread] : final.threads) {
            const auto [it, first] = reference.emplace(visitId, thread);
            if (first)
                continue;
            const auto &expected = it->second;
            bool same = expected.size() == thread.size();
            for (std::size_t i = 0; same && i < thread.size(); ++i)
                same = sameMessage(expected[i], thread[i]);
            if (!same) {
                ++verdict.disagreements;
                note(verdict, final.client->name() + " fetched another history of visit " +
                                  std::to_string(visitId));
            }
        }
    }

    // Histories: seq 1..N without gaps, each client id once, each body once
    // (the test types no body twice into one thread: a body stored twice is
    // one message stored twice, whatever its ids).
    std::map<std::int64_t, std::map<std::string, int>> storedIds;
    std::map<std::int64_t, std::map<std::string, int>> storedBodies;
    for (const auto &[visitId, thread] : reference) {
        verdict.stored += static_cast<int>(thread.size());
        for (std::size_t i = 0; i < thread.size(); ++i) {
            if (thread[i].seq != static_cast<std::int64_t>(i + 1)) {
                ++verdict.orderViolations;
                note(verdict, "visit " + std::to_string(visitId) + ": seq " +
                                  std::to_string(thread[i].seq) + " at position " +
                                  std::to_string(i + 1));
            }
            if (++storedBodies[visitId][thread[i].body] == 2) {
                ++verdict.duplicates;
                note(verdict, "visit " + std::to_string(visitId) + ": \"" + thread[i].body +
                                  "\" stored twice");
            }
            if (++storedIds[visitId][thread[i].clientMessageId] == 2) {
                ++verdict.duplicates;
                note(verdict, "visit " + std::to_string(visitId) + ": " +
                                  thread[i].clientMessageId + " stored twice");
            }
        }
    }

    std::set<std::pair<std::int64_t, std::string>> acknowledged;
    for (const auto *client : clients) {
        const auto &counters = client->counters();
        verdict.typed += static_cast<int>(client->typed().size());
        verdict.acked += static_cast<int>(client->acks().size());
        verdict.resent += counters.resent;
        verdict.throttled += counters.throttled;
        verdict.retriedErrors += counters.otherErrors;
        verdict.pushGaps += counters.pushGaps;
        verdict.duplicates += counters.pushDuplicates;
        verdict.orderViolations += counters.pushOutOfOrder;
        verdict.disagreements += counters.conflicts;
        if (counters.pushDuplicates + counters.pushOutOfOrder + counters.conflicts > 0)
            note(verdict, client->name() + ": pushes duplicated " +
                              std::to_string(counters.pushDuplicates) + ", out of order " +
                              std::to_string(counters.pushOutOfOrder) + ", conflicting " +
                              std::to_string(counters.conflicts));

        for (const auto &typed : client->typed()) {
            const auto ack = client->acks().find(typed.clientMessageId);
            if (ack == client->acks().end()) {
                ++verdict.unacknowledged;
                note(verdict, typed.clientMessageId + " never acknowledged");
                continue;
            }
            acknowledged.emplace(typed.visitId, typed.clientMessageId);
            if (ack->second.storedBeforeResend)
                ++verdict.ackedFromFirstCopy;
            const auto &thread = reference[typed.visitId];
            const auto seq = ack->second.seq;
            const bool there = seq >= 1 && seq <= static_cast<std::int64_t>(thread.size()) &&
                               thread[static_cast<std::size_t>(seq - 1)].clientMessageId ==
                                   typed.clientMessageId &&
                               thread[static_cast<std::size_t>(seq - 1)].body == typed.body;
            if (!there) {
                ++verdict.lost;
                note(verdict, typed.clientMessageId + " acknowledged as seq " +
                                  std::to_string(seq) + " but not stored there");
            }
        }

        // What the client saw live (merged with its catch-up pages) must be
        // the start of the final history, message for message.
        for (const auto &[visitId, seen] : client->log()) {
            const auto &thread = reference[visitId];
            for (std::size_t position = 0; position < seen.size(); ++position) {
                const auto &message = seen[position];
                if (message.seq != static_cast<std::int64_t>(position + 1)) {
                    ++verdict.orderViolations;
                    note(verdict, client->name() + " showed seq " + std::to_string(message.seq) +
                                      " of visit " + std::to_string(visitId) + " in place " +
                                      std::to_string(position + 1));
                }
                const auto index = static_cast<std::size_t>(message.seq - 1);
                if (index >= thread.size() || !sameMessage(thread[index], message)) {
                    ++verdict.disagreements;
                    note(verdict, client->name() + " saw seq " + std::to_string(message.seq) +
                                      " of visit " + std::to_string(visitId) +
                                      " unlike the final history");
                }
            }
        }
    }

    for (const auto &[visitId, ids] : storedIds) {
        for (const auto &[id, count] : ids) {
            if (!acknowledged.count({visitId, id})) {
                verdict.phantoms += count;
                note(verdict, "visit " + std::to_string(visitId) + ": " + id +
                                  " stored but never acknowledged to anyone");
            }
        }
    }
    return verdict;
}

} // namespace caredesk::test
