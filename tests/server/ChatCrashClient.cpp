#include "ChatCrashClient.h"

#include "protocol/Envelope.h"

#include <QDateTime>
#include <QTimer>
#include <QWebSocket>
#include <algorithm>

namespace caredesk::test {

using nlohmann::json;

namespace {

std::int64_t nowMs() {
    return QDateTime::currentMSecsSinceEpoch();
}

constexpr int kFirstBackoffMs = 100;
constexpr int kMaxBackoffMs = 1600;
constexpr int kRetryAfterErrorMs = 300;

} // namespace

ChatCrashClient::ChatCrashClient(QUrl url, std::string name, QObject *parent)
    : QObject(parent)
    , m_url(std::move(url))
    , m_name(std::move(name))
    , m_random(static_cast<unsigned>(std::hash<std::string>{}(m_name))) {}

ChatCrashClient::~ChatCrashClient() {
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        delete m_socket;
    }
}

void ChatCrashClient::beAPatient(std::string token, std::int64_t visitId) {
    m_patient = true;
    m_token = std::move(token);
    m_threads = {visitId};
}

void ChatCrashClient::beACaregiver(std::string username, std::string password,
                                   std::vector<std::int64_t> visitIds) {
    m_patient = false;
    m_username = std::move(username);
    m_password = std::move(password);
    m_threads = std::move(visitIds);
}

void ChatCrashClient::start() {
    connectSocket();
}

std::string ChatCrashClient::type(std::int64_t visitId, const std::string &body) {
    Typed message{visitId, m_name + "-" + std::to_string(m_nextClientId++), body};
    m_typed.push_back(message);
    auto &out = m_outbox[message.clientMessageId];
    out.message = std::move(message);
    if (m_ready)
        sendMessage(out);
    return out.message.clientMessageId;
}

void ChatCrashClient::dropConnection() {
    if (m_socket)
        m_socket->close();
}

void ChatCrashClient::connectSocket() {
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
    }
    ++m_connection;
    m_ready = false;
    m_requests.clear();
    m_threadState.clear();
    for (auto &[id, out] : m_outbox)
        out.inFlight = false;

    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_socket->setMaxAllowedIncomingMessageSize(8 * 1024 * 1024);
    connect(m_socket, &QWebSocket::connected, this, [this] {
        ++m_counters.connections;
        request("hello",
                {{"minProtocol", protocol::kMinProtocolVersion},
                 {"maxProtocol", protocol::kProtocolVersion},
                 {"client", m_patient ? "web" : "console"},
                 {"clientVersion", "chat crash test"}},
                "hello");
    });
    connect(m_socket, &QWebSocket::textMessageReceived, this, &ChatCrashClient::onText);
    connect(m_socket, &QWebSocket::disconnected, this, &ChatCrashClient::scheduleReconnect);
    connect(m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            [this] { scheduleReconnect(); });
    m_socket->open(m_url);
}

void ChatCrashClient::scheduleReconnect() {
    m_ready = false;
    if (m_reconnectPending)
        return;
    m_reconnectPending = true;
    // Exponential backoff with jitter, so a crowd of clients does not return
    // in one wave.
    const int ceiling = std::min(kMaxBackoffMs, kFirstBackoffMs << std::min(m_backoffStep, 8));
    ++m_backoffStep;
    const int delay = std::uniform_int_distribution<int>(ceiling / 2, ceiling)(m_random);
    QTimer::singleShot(delay, this, [this] {
        m_reconnectPending = false;
        connectSocket();
    });
}

std::string ChatCrashClient::request(const std::string &type, json body, const std::string &kind) {
    const std::string id = "r" + std::to_string(m_nextRequest++);
    m_requests[id] = kind;
    m_socket->sendTextMessage(
        QString::fromStdString(json{{"type", type}, {"id", id}, {"body", std::move(body)}}.dump()));
    return id;
}

void ChatCrashClient::onText(const QString &text) {
    const auto envelope = json::parse(text.toStdString(), nullptr, false);
    if (!envelope.is_object())
        return;
    const std::string id = envelope.value("id", "");
    if (!id.empty()) {
        const auto it = m_requests.find(id);
        if (it == m_requests.end())
            return;
        const std::string kind = it->second;
        m_requests.erase(it);
        onReply(kind, envelope);
        return;
    }
    if (envelope.value("type", "") == "chat_message")
        onPush(envelope["body"]);
}

void ChatCrashClient::onReply(const std::string &kind, const json &envelope) {
    const std::string type = envelope.value("type", "");
    const json &body = envelope.contains("body") ? envelope["body"] : json::object();
    const bool error = type == "error";
    if (error)
        ++m_errorCodes[body.value("code", "?")];

    if (kind == "hello" || kind == "auth") {
        if (error || (kind == "hello" && type != "welcome")) {
            // Nothing works until the server is whole again: start over.
            ++m_counters.otherErrors;
            m_socket->abort();
            return;
        }
        if (kind == "hello") {
            if (m_patient)
                request("visit_resume", {{"token", m_token}}, "auth");
            else
                request("login", {{"username", m_username}, {"password", m_password}}, "auth");
            return;
        }
        handshakeDone();
        return;
    }
    const auto colon = kind.find(':');
    const std::string what = kind.substr(0, colon);
    const std::string key = kind.substr(colon + 1);
    if (what == "page" || what == "open") {
        const std::int64_t visitId = std::stoll(key);
        m_threadState[visitId].paging = false;
        if (error || type != "chat_history") {
            ++m_counters.otherErrors;
            QTimer::singleShot(kRetryAfterErrorMs, this,
                               [this, visitId, connection = m_connection] {
                                   if (connection == m_connection)
                                       catchUp(visitId);
                               });
            return;
        }
        onHistory(visitId, body, what == "open");
        return;
    }
    if (what == "send") {
        const auto it = m_outbox.find(key);
        if (it == m_outbox.end())
            return;
        it->second.inFlight = false;
        if (!error && type == "chat_ack") {
            const auto &out = it->second;
            Ack ack{out.message.visitId, body.value("seq", std::int64_t{0}),
                    body.value("sentAt", std::int64_t{0}), out.firstSentAt, out.resent};
            // Stored before the last attempt was even sent: an earlier one
            // was committed and its ack lost.
            ack.storedBeforeResend = out.resent && ack.sentAt < out.lastSentAt;
            m_acks[key] = ack;
            m_outbox.erase(it);
            return;
        }
        int delayMs = kRetryAfterErrorMs;
        if (error && body.value("code", "") == "throttled") {
            ++m_counters.throttled;
            delayMs = static_cast<int>(body.value("retryAfterSeconds", std::int64_t{1}) * 1000);
        } else {
            ++m_counters.otherErrors;
        }
        resendLater(key, delayMs);
    }
}

void ChatCrashClient::handshakeDone() {
    for (const auto visitId : m_threads)
        catchUp(visitId);
}

// What was missed since the last seen seq, page by page; then the follow.
void ChatCrashClient::catchUp(std::int64_t visitId) {
    auto &state = m_threadState[visitId];
    if (state.paging || !m_socket || m_socket->state() != QAbstractSocket::ConnectedState)
        return;
    state.paging = true;
    const auto &seen = m_log[visitId];
    const std::int64_t last = seen.empty() ? 0 : seen.back().seq;
    request("chat_page", {{"visitId", visitId}, {"afterSeq", last}, {"limit", 200}},
            "page:" + std::to_string(visitId));
}

void ChatCrashClient::onHistory(std::int64_t visitId, const json &body, bool fromOpen) {
    auto &state = m_threadState[visitId];
    const bool contiguous = merge(visitId, body["messages"]);
    if (fromOpen)
        state.open = true;
    // An open's history is the newest page: its `more` speaks of older messages.
    if (!contiguous || (!fromOpen && body.value("more", false))) {
        catchUp(visitId);
        return;
    }
    if (!state.open) {
        state.paging = true;
        request("chat_open", {{"visitId", visitId}, {"limit", 50}},
                "open:" + std::to_string(visitId));
        return;
    }
    checkReady();
}

void ChatCrashClient::onPush(const json &body) {
    const std::int64_t visitId = body.value("visitId", std::int64_t{0});
    const auto found = m_threadState.find(visitId);
    if (found == m_threadState.end())
        return;
    auto &state = found->second;
    const std::int64_t seq = body["message"].value("seq", std::int64_t{0});
    if (!state.pushed.insert(seq).second)
        ++m_counters.pushDuplicates;
    else if (seq < state.lastPush)
        ++m_counters.pushOutOfOrder;
    else if (state.lastPush > 0 && seq > state.lastPush + 1)
        ++m_counters.pushGaps;
    state.lastPush = std::max(state.lastPush, seq);
    if (!merge(visitId, json::array({body["message"]})))
        catchUp(visitId);
}

bool ChatCrashClient::merge(std::int64_t visitId, const json &entries) {
    auto &seen = m_log[visitId];
    for (const auto &entry : entries) {
        ChatSeen message{entry.value("seq", std::int64_t{0}), entry.value("clientMessageId", ""),
                         entry.value("sender", ""), entry.value("body", "")};
        const std::int64_t last = seen.empty() ? 0 : seen.back().seq;
        if (message.seq <= last) {
            const auto &earlier = seen[static_cast<std::size_t>(message.seq - 1)];
            if (earlier.clientMessageId != message.clientMessageId || earlier.body != message.body)
                ++m_counters.conflicts;
            continue;
        }
        if (message.seq != last + 1)
            return false;
        seen.push_back(std::move(message));
    }
    return true;
}

void ChatCrashClient::checkReady() {
    if (m_ready)
        return;
    for (const auto visitId : m_threads) {
        const auto it = m_threadState.find(visitId);
        if (it == m_threadState.end() || !it->second.open)
            return;
    }
    m_ready = true;
    m_backoffStep = 0;
    flush();
}

void ChatCrashClient::flush() {
    for (auto &[id, out] : m_outbox)
        if (!out.inFlight)
            sendMessage(out);
}

void ChatCrashClient::sendMessage(Outgoing &out) {
    if (!m_ready || out.inFlight)
        return;
    if (out.connection != 0 && out.connection != m_connection && !out.resent) {
        out.resent = true;
        ++m_counters.resent;
    }
    if (out.firstSentAt == 0)
        out.firstSentAt = nowMs();
    out.lastSentAt = nowMs();
    out.connection = m_connection;
    out.inFlight = true;
    request("chat_send",
            {{"visitId", out.message.visitId},
             {"clientMessageId", out.message.clientMessageId},
             {"kind", "text"},
             {"body", out.message.body}},
            "send:" + out.message.clientMessageId);
}

void ChatCrashClient::resendLater(const std::string &clientMessageId, int delayMs) {
    QTimer::singleShot(delayMs, this, [this, clientMessageId] {
        const auto it = m_outbox.find(clientMessageId);
        if (it != m_outbox.end())
            sendMessage(it->second);
    });
}

} // namespace caredesk::test
