#include "WsTestClient.h"

#include "protocol/Envelope.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

namespace caredesk::test {

WsTestClient::WsTestClient(QUrl url, QObject *parent) : QObject(parent), m_url(std::move(url)) {
    m_socket.setMaxAllowedIncomingMessageSize(4 * 1024 * 1024);
    connect(&m_socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
        auto parsed = nlohmann::json::parse(text.toStdString(), nullptr, false);
        m_inbox.push_back(parsed.is_discarded() ? nlohmann::json("<<unparseable>>") : parsed);
    });
    connect(&m_socket, &QWebSocket::disconnected, this, [this] {
        m_disconnected = true;
        m_closeCode = static_cast<int>(m_socket.closeCode());
        m_closeReason = m_socket.closeReason();
    });
}

bool WsTestClient::waitUntil(const std::function<bool()> &condition, int timeoutMs) {
    QElapsedTimer timer;
    timer.start();
    while (!condition()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QEventLoop loop;
        QTimer::singleShot(10, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return true;
}

void WsTestClient::setSslConfiguration(const QSslConfiguration &configuration) {
    m_socket.setSslConfiguration(configuration);
}

bool WsTestClient::open(int timeoutMs) {
    m_socket.open(m_url);
    return waitUntil([this] { return isConnected() || m_disconnected; }, timeoutMs) &&
           isConnected();
}

void WsTestClient::sendText(const std::string &frame) {
    m_socket.sendTextMessage(QString::fromStdString(frame));
}

void WsTestClient::sendBinary(const QByteArray &data) { m_socket.sendBinaryMessage(data); }

nlohmann::json WsTestClient::request(const std::string &type, nlohmann::json body, int timeoutMs) {
    const std::string id = "t" + std::to_string(m_nextId++);
    sendText(nlohmann::json{{"type", type}, {"id", id}, {"body", std::move(body)}}.dump());
    nlohmann::json reply;
    waitUntil(
        [&] {
            for (auto it = m_inbox.begin(); it != m_inbox.end(); ++it) {
                if (it->is_object() && it->value("id", "") == id) {
                    reply = *it;
                    m_inbox.erase(it);
                    return true;
                }
            }
            return m_disconnected;
        },
        timeoutMs);
    return reply;
}

nlohmann::json WsTestClient::next(int timeoutMs) {
    if (!waitUntil([this] { return !m_inbox.empty(); }, timeoutMs))
        return nullptr;
    auto message = m_inbox.front();
    m_inbox.pop_front();
    return message;
}

bool WsTestClient::hello() {
    const auto reply = request("hello", {{"minProtocol", protocol::kMinProtocolVersion},
                                         {"maxProtocol", protocol::kProtocolVersion},
                                         {"client", "tool"},
                                         {"clientVersion", "server tests"}});
    return reply.is_object() && reply.value("type", "") == "welcome";
}

nlohmann::json WsTestClient::login(const std::string &username, const std::string &password) {
    if (!hello())
        return nullptr;
    return request("login", {{"username", username}, {"password", password}});
}

bool WsTestClient::isConnected() const {
    return m_socket.state() == QAbstractSocket::ConnectedState;
}

bool WsTestClient::waitForDisconnect(int timeoutMs) {
    return waitUntil([this] { return m_disconnected; }, timeoutMs);
}

void WsTestClient::close() {
    m_socket.close();
    waitForDisconnect(2000);
}

} // namespace caredesk::test
