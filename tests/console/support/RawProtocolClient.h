#pragma once

#include <QObject>
#include <QStringList>
#include <QUrl>
#include <nlohmann/json.hpp>
#include <string>

class QWebSocket;

namespace caredesk::console::test {

// A bare WebSocket client of the CareDesk protocol for tests that need a
// second party beside the console: a patient filing a visit, a provider
// coming on shift. Every call waits (on the event loop) for its answer.
class RawProtocolClient : public QObject {
    Q_OBJECT

public:
    explicit RawProtocolClient(QObject *parent = nullptr);
    ~RawProtocolClient() override;

    // Connects and says hello as this kind of client ("web", "console", "tool").
    bool open(const QUrl &webSocketUrl, const std::string &client);
    // Sends a request and returns the whole reply frame ({"type", "id", "body"}),
    // or null when none came in time.
    nlohmann::json request(const std::string &type,
                           const nlohmann::json &body = nlohmann::json::object(),
                           int timeoutMs = 15'000);
    // Logs in; true on a session.
    bool logIn(const std::string &username, const std::string &password);

    static std::string typeOf(const nlohmann::json &frame);

private:
    QWebSocket *m_socket;
    QStringList m_frames; // received, not yet taken
    int m_nextId = 1;
};

} // namespace caredesk::console::test
