#include "ChatLoadFleet.h"

#include "protocol/Envelope.h"

#include <QThread>
#include <QTimer>
#include <QWebSocket>
#include <nlohmann/json.hpp>
#include <queue>
#include <random>

namespace caredesk::bench {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

std::int64_t nowNs() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch())
        .count();
}

// Text after the send time, so a message is about as long as a real one.
const std::string kFiller = " | How are you feeling now? Any fever since this morning?";

} // namespace

// The connections of one thread. Lives in that thread; the fleet talks to it
// only through queued calls and atomics.
class ChatLoadWorker : public QObject {
public:
    ChatLoadWorker(QUrl url, std::vector<ChatLoadParty> parties, unsigned seed)
        : m_url(std::move(url))
        , m_random(seed) {
        m_links.resize(parties.size());
        for (std::size_t i = 0; i < parties.size(); ++i)
            m_links[i].party = std::move(parties[i]);
    }

    void connectAll() {
        // Staggered, so the server's accept queue never overflows.
        for (std::size_t i = 0; i < m_links.size(); ++i)
            QTimer::singleShot(static_cast<int>(i), this, [this, i] { open(i); });
    }

    void startSending(Clock::time_point until) {
        m_until = until;
        const auto now = Clock::now();
        for (std::size_t i = 0; i < m_links.size(); ++i) {
            const double interval = 1.0 / m_links[i].party.messagesPerSecond;
            // A random phase within the first interval spreads the sends evenly.
            const double phase = std::uniform_real_distribution<double>(0, interval)(m_random);
            m_due.push({now + toDuration(phase), i});
        }
        m_ticker = new QTimer(this);
        m_ticker->setTimerType(Qt::PreciseTimer);
        connect(m_ticker, &QTimer::timeout, this, [this] { sendDue(); });
        m_ticker->start(2);
    }

    void closeAll() {
        if (m_ticker)
            m_ticker->stop();
        for (auto &link : m_links) {
            if (link.socket) {
                link.socket->disconnect(this);
                link.socket->abort();
            }
        }
    }

    std::atomic<int> ready{0};
    std::atomic<int> failed{0};
    std::atomic<std::int64_t> sent{0};
    std::atomic<std::int64_t> acked{0};
    ChatLoadResults results; // read only after the thread has finished

private:
    struct Link {
        ChatLoadParty party;
        QWebSocket *socket = nullptr;
        std::size_t opened = 0;
        bool ready = false;
        bool failed = false;
        std::size_t nextThread = 0;
        int nextId = 1;
        int messageNumber = 0;
    };
    struct Due {
        Clock::time_point at;
        std::size_t link;
        bool operator>(const Due &other) const { return at > other.at; }
    };

    static Clock::duration toDuration(double seconds) {
        return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    }

    void send(Link &link, const char *kind, const std::string &type, json body) {
        const std::string id = kind + std::to_string(link.nextId++);
        link.socket->sendTextMessage(QString::fromStdString(
            json{{"type", type}, {"id", id}, {"body", std::move(body)}}.dump()));
    }

    void open(std::size_t index) {
        auto &link = m_links[index];
        link.socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
        connect(link.socket, &QWebSocket::connected, this, [this, index] {
            send(m_links[index], "h", "hello",
                 {{"minProtocol", protocol::kMinProtocolVersion},
                  {"maxProtocol", protocol::kProtocolVersion},
                  {"client", m_links[index].party.patient ? "web" : "console"},
                  {"clientVersion", "chat load"}});
        });
        connect(link.socket, &QWebSocket::textMessageReceived, this,
                [this, index](const QString &text) { onText(index, text); });
        connect(link.socket, &QWebSocket::disconnected, this, [this, index] {
            ++results.disconnects;
            giveUp(m_links[index]);
        });
        connect(link.socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
                [this, index] { giveUp(m_links[index]); });
        link.socket->open(m_url);
    }

    // A party that never became ready counts once as failed.
    void giveUp(Link &link) {
        if (!link.ready && !link.failed) {
            link.failed = true;
            ++failed;
        }
    }

    void onText(std::size_t index, const QString &text) {
        const auto receivedNs = nowNs();
        auto &link = m_links[index];
        const auto envelope = json::parse(text.toStdString(), nullptr, false);
        if (!envelope.is_object())
            return;
        const std::string type = envelope.value("type", "");
        const std::string id = envelope.value("id", "");
        const json &body = envelope.contains("body") ? envelope["body"] : json::object();
        if (id.empty()) {
            if (type == "chat_message")
                onPush(link, body, receivedNs);
            return;
        }
        if (type == "error")
            ++results.errors[body.value("code", "?")];
        switch (id[0]) {
        case 'h':
            if (link.party.patient)
                send(link, "a", "visit_resume", {{"token", link.party.token}});
            else
                send(link, "a", "login",
                     {{"username", link.party.username}, {"password", link.party.password}});
            break;
        case 'a':
            if (type == "error") {
                giveUp(link);
                break;
            }
            for (const auto visitId : link.party.visits)
                send(link, "o", "chat_open", {{"visitId", visitId}, {"limit", 1}});
            break;
        case 'o':
            if (type == "chat_history" && ++link.opened == link.party.visits.size()) {
                link.ready = true;
                ++ready;
            }
            break;
        case 's':
            if (type == "chat_ack") {
                ++results.acked;
                ++acked;
            } else if (body.value("code", "") == "throttled") {
                ++results.throttled;
            } else {
                ++results.refused;
            }
            break;
        default:
            break;
        }
    }

    // Latency counts only at the other party: a patient's message reaching
    // the staff member, a staff message reaching the patient.
    void onPush(const Link &link, const json &body, std::int64_t receivedNs) {
        const auto &message = body["message"];
        const std::string sender = message.value("sender", "");
        if ((sender == "patient") == link.party.patient)
            return;
        const std::string text = message.value("body", "");
        if (text.size() < 2 || text[0] != 'L')
            return;
        const std::int64_t sentNs = std::stoll(text.substr(1, text.find(' ') - 1));
        results.latencyMs.push_back(static_cast<double>(receivedNs - sentNs) / 1e6);
        ++results.delivered;
    }

    void sendDue() {
        const auto now = Clock::now();
        while (!m_due.empty() && m_due.top().at <= now) {
            const auto due = m_due.top();
            m_due.pop();
            if (due.at >= m_until)
                continue;
            auto &link = m_links[due.link];
            if (link.ready && link.socket->state() == QAbstractSocket::ConnectedState) {
                const auto visitId =
                    link.party.visits[link.nextThread++ % link.party.visits.size()];
                const std::string clientId = (link.party.patient ? "p" : "s") +
                                             std::to_string(due.link) + "-" +
                                             std::to_string(++link.messageNumber);
                send(link, "s", "chat_send",
                     {{"visitId", visitId},
                      {"clientMessageId", clientId},
                      {"kind", "text"},
                      {"body", "L" + std::to_string(nowNs()) + kFiller}});
                ++results.sent;
                ++sent;
            }
            m_due.push({due.at + toDuration(1.0 / link.party.messagesPerSecond), due.link});
        }
    }

    QUrl m_url;
    std::vector<Link> m_links;
    std::priority_queue<Due, std::vector<Due>, std::greater<>> m_due;
    Clock::time_point m_until;
    QTimer *m_ticker = nullptr;
    std::mt19937 m_random;
};

ChatLoadFleet::ChatLoadFleet(QUrl url, std::vector<ChatLoadParty> parties, int threads) {
    std::vector<std::vector<ChatLoadParty>> shares(static_cast<std::size_t>(threads));
    for (std::size_t i = 0; i < parties.size(); ++i)
        shares[i % shares.size()].push_back(std::move(parties[i]));
    for (std::size_t t = 0; t < shares.size(); ++t) {
        auto thread = std::make_unique<QThread>();
        auto *worker = new ChatLoadWorker(url, std::move(shares[t]), static_cast<unsigned>(t + 1));
        worker->moveToThread(thread.get());
        QObject::connect(thread.get(), &QThread::finished, worker, &QObject::deleteLater);
        thread->start();
        m_workers.push_back(worker);
        m_threads.push_back(std::move(thread));
    }
}

ChatLoadFleet::~ChatLoadFleet() {
    if (!m_threads.empty())
        finish();
}

void ChatLoadFleet::connectAll() {
    for (auto *worker : m_workers)
        QMetaObject::invokeMethod(
            worker, [worker] { worker->connectAll(); }, Qt::QueuedConnection);
}

int ChatLoadFleet::readyCount() const {
    int total = 0;
    for (const auto *worker : m_workers)
        total += worker->ready;
    return total;
}

int ChatLoadFleet::failedCount() const {
    int total = 0;
    for (const auto *worker : m_workers)
        total += worker->failed;
    return total;
}

void ChatLoadFleet::startSending(Clock::time_point until) {
    for (auto *worker : m_workers)
        QMetaObject::invokeMethod(
            worker, [worker, until] { worker->startSending(until); }, Qt::QueuedConnection);
}

std::int64_t ChatLoadFleet::outstandingAcks() const {
    std::int64_t total = 0;
    for (const auto *worker : m_workers)
        total += worker->sent - worker->acked;
    return total;
}

ChatLoadResults ChatLoadFleet::finish() {
    ChatLoadResults merged;
    for (auto *worker : m_workers)
        QMetaObject::invokeMethod(
            worker, [worker] { worker->closeAll(); }, Qt::BlockingQueuedConnection);
    for (std::size_t t = 0; t < m_threads.size(); ++t) {
        const auto &part = m_workers[t]->results;
        merged.sent += part.sent;
        merged.acked += part.acked;
        merged.throttled += part.throttled;
        merged.refused += part.refused;
        merged.delivered += part.delivered;
        merged.disconnects += part.disconnects;
        merged.latencyMs.insert(merged.latencyMs.end(), part.latencyMs.begin(),
                                part.latencyMs.end());
        for (const auto &[code, count] : part.errors)
            merged.errors[code] += count;
        m_threads[t]->quit();
        m_threads[t]->wait();
    }
    m_threads.clear();
    m_workers.clear();
    return merged;
}

} // namespace caredesk::bench
