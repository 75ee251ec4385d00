#pragma once

#include <QUrl>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

class QThread;

namespace caredesk::bench {

// One chat party the fleet plays: a patient on their visit, or a staff member
// following several threads.
struct ChatLoadParty {
    bool patient = true;
    std::string token;    // patients: resumes the visit
    std::string username; // staff: signs in
    std::string password;
    std::vector<std::int64_t> visits; // the threads followed (and written to)
    double messagesPerSecond = 0;     // this party's steady sending rate
};

struct ChatLoadResults {
    std::int64_t sent = 0;
    std::int64_t acked = 0;
    std::int64_t throttled = 0;
    std::int64_t refused = 0;   // other error replies to chat_send
    std::int64_t delivered = 0; // pushes that reached the other party
    std::int64_t disconnects = 0;
    std::vector<double> latencyMs; // send to receipt at the other party
    std::map<std::string, std::int64_t> errors;
};

class ChatLoadWorker;

// Thousands of chat WebSockets spread over several threads, each with its
// own event loop, so one busy loop does not delay every receipt.
class ChatLoadFleet {
public:
    ChatLoadFleet(QUrl url, std::vector<ChatLoadParty> parties, int threads);
    ~ChatLoadFleet();

    // Connects everyone (hello, resume or login, chat_open of each thread).
    void connectAll();
    int readyCount() const;
    int failedCount() const;

    // Everyone sends at their rate until `until`, from the worker threads.
    void startSending(std::chrono::steady_clock::time_point until);
    std::int64_t outstandingAcks() const;
    // Stops the threads (closing every socket) and merges what they measured.
    ChatLoadResults finish();

private:
    std::vector<std::unique_ptr<QThread>> m_threads;
    std::vector<ChatLoadWorker *> m_workers;
};

} // namespace caredesk::bench
