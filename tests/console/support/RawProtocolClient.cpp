#include "RawProtocolClient.h"

#include <QDeadlineTimer>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>

namespace caredesk::console::test {

RawProtocolClient::RawProtocolClient(QObject *parent)
    : QObject(parent)
    , m_socket(new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this)) {
    connect(m_socket, &QWebSocket::textMessageReceived, this,
            [this](const QString &text) { m_frames.append(text); });
}

RawProtocolClient::~RawProtocolClient() {
    m_socket->close();
}

bool RawProtocolClient::open(const QUrl &webSocketUrl, const std::string &client) {
    QSignalSpy connected(m_socket, &QWebSocket::connected);
    m_socket->open(webSocketUrl);
    if (!connected.wait(10'000))
        return false;
    const auto welcome = request("hello", {{"minProtocol", 1},
                                           {"maxProtocol", 1},
                                           {"client", client},
                                           {"clientVersion", "console e2e test"}});
    return typeOf(welcome) == "welcome";
}

nlohmann::json RawProtocolClient::request(const std::string &type, const nlohmann::json &body,
                                          int timeoutMs) {
    const std::string id = "t" + std::to_string(m_nextId++);
    const nlohmann::json frame{{"type", type}, {"id", id}, {"body", body}};
    m_socket->sendTextMessage(QString::fromStdString(frame.dump()));
    const QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        for (qsizetype i = 0; i < m_frames.size(); ++i) {
            auto reply = nlohmann::json::parse(m_frames[i].toStdString(), nullptr, false);
            if (reply.is_object() && reply.value("id", "") == id) {
                m_frames.removeAt(i);
                return reply;
            }
        }
        QTest::qWait(20);
    }
    return nullptr;
}

bool RawProtocolClient::logIn(const std::string &username, const std::string &password) {
    return typeOf(request("login", {{"username", username}, {"password", password}})) == "session";
}

std::string RawProtocolClient::typeOf(const nlohmann::json &frame) {
    return frame.is_object() ? frame.value("type", "") : "<no answer>";
}

} // namespace caredesk::console::test
