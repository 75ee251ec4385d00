#pragma once

#include <QObject>
#include <QUrl>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <string>
#include <vector>

class QWebSocket;

namespace caredesk::test {

// One message of a thread as a client saw it.
struct ChatSeen {
    std::int64_t seq = 0;
    std::string clientMessageId;
    std::string sender;
    std::string body;
};

// A chat client as a real one must be written to survive server crashes: an
// outbox (every typed message keeps its client id until acknowledged and is
// sent again with the same id after a reconnect), reconnection with backoff,
// and catching up after a reconnect (chat_page from the last seen seq, then
// chat_open). It logs everything it was told, for a checker to judge.
//
// Event driven: it lives in the thread's event loop and never blocks.
class ChatCrashClient : public QObject {
    Q_OBJECT
public:
    ChatCrashClient(QUrl url, std::string name, QObject *parent = nullptr);
    ~ChatCrashClient() override;

    // A patient resumes its visit with the token; a caregiver signs in and
    // follows the threads given.
    void beAPatient(std::string token, std::int64_t visitId);
    void beACaregiver(std::string username, std::string password,
                      std::vector<std::int64_t> visitIds);
    void start();

    // Queues a message under a fresh client id (returned) and sends it as
    // soon as possible.
    std::string type(std::int64_t visitId, const std::string &body);

    // Closes the connection at once, as a phone changing networks does:
    // whatever was just sent is processed, its reply lost.
    void dropConnection();

    const std::string &name() const { return m_name; }
    bool isPatient() const { return m_patient; }
    const std::vector<std::int64_t> &threads() const { return m_threads; }
    bool synchronized() const { return m_ready; }
    std::size_t pending() const { return m_outbox.size(); }

    struct Typed {
        std::int64_t visitId = 0;
        std::string clientMessageId;
        std::string body;
    };
    struct Ack {
        std::int64_t visitId = 0;
        std::int64_t seq = 0;
        std::int64_t sentAt = 0;
        std::int64_t firstSentAt = 0;    // when this client first sent it (epoch ms)
        bool resent = false;             // sent again on a later connection
        bool storedBeforeResend = false; // the resend was answered with the first copy
    };
    struct Counters {
        int connections = 0;
        int resent = 0; // sends repeated on a later connection
        int throttled = 0;
        int otherErrors = 0;    // refused sends and failed catch-ups (retried)
        int pushDuplicates = 0; // a seq pushed twice on one connection
        int pushOutOfOrder = 0; // a push below an earlier push on one connection
        int pushGaps = 0;       // a push skipping seqs (recovered by paging)
        int conflicts = 0;      // one seq seen with two different contents
    };

    const std::vector<Typed> &typed() const { return m_typed; }
    const std::map<std::string, Ack> &acks() const { return m_acks; }
    // The merged log per thread: seqs 1, 2, 3, ... as this client saw them.
    const std::map<std::int64_t, std::vector<ChatSeen>> &log() const { return m_log; }
    const Counters &counters() const { return m_counters; }
    const std::map<std::string, int> &errorCodes() const { return m_errorCodes; }

private:
    struct Outgoing {
        Typed message;
        int connection = 0; // the connection it was last sent on (0: never)
        bool inFlight = false;
        std::int64_t firstSentAt = 0;
        std::int64_t lastSentAt = 0;
        bool resent = false;
    };
    struct ThreadState {
        bool open = false;   // chat_open answered on this connection
        bool paging = false; // a chat_page is outstanding
        std::int64_t lastPush = 0;
        std::set<std::int64_t> pushed; // seqs pushed on this connection
    };

    void connectSocket();
    void scheduleReconnect();
    void onText(const QString &text);
    void onReply(const std::string &kind, const nlohmann::json &envelope);
    void handshakeDone();
    void catchUp(std::int64_t visitId);
    void onHistory(std::int64_t visitId, const nlohmann::json &body, bool fromOpen);
    void onPush(const nlohmann::json &body);
    // Adds entries in seq order; false when one skipped ahead (a gap to page).
    bool merge(std::int64_t visitId, const nlohmann::json &entries);
    void checkReady();
    void flush();
    void sendMessage(Outgoing &out);
    void resendLater(const std::string &clientMessageId, int delayMs);
    std::string request(const std::string &type, nlohmann::json body, const std::string &kind);

    QUrl m_url;
    std::string m_name;
    bool m_patient = true;
    std::string m_token;
    std::string m_username;
    std::string m_password;
    std::vector<std::int64_t> m_threads;

    QWebSocket *m_socket = nullptr;
    int m_connection = 0;
    bool m_reconnectPending = false;
    int m_backoffStep = 0;
    bool m_ready = false;
    std::map<std::int64_t, ThreadState> m_threadState;
    // request id -> what it was ("hello", "auth", "page:<visit>", "open:<visit>", "send:<cid>")
    std::map<std::string, std::string> m_requests;
    int m_nextRequest = 1;
    int m_nextClientId = 1;

    std::map<std::string, Outgoing> m_outbox;
    std::vector<Typed> m_typed;
    std::map<std::string, Ack> m_acks;
    std::map<std::int64_t, std::vector<ChatSeen>> m_log;
    Counters m_counters;
    std::map<std::string, int> m_errorCodes;
    std::mt19937 m_random;
};

} // namespace caredesk::test
