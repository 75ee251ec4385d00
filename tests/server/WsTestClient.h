#pragma once

#include <QObject>
#include <QSslConfiguration>
#include <QUrl>
#include <QWebSocket>

#include <nlohmann/json.hpp>

#include <deque>
#include <optional>
#include <string>

namespace caredesk::test {

// A real WebSocket client for server tests (Qt's, so the server is checked
// against an implementation other than its own). Calls block in a local event
// loop with a timeout; a timeout yields an empty result, never a hang.
class WsTestClient : public QObject {
    Q_OBJECT
public:
    explicit WsTestClient(QUrl url, QObject *parent = nullptr);

    // For wss://: trust exactly these settings (e.g. a test certificate authority).
    void setSslConfiguration(const QSslConfiguration &configuration);
    bool open(int timeoutMs = 5000);
    void sendText(const std::string &frame);
    void sendBinary(const QByteArray &data);

    // Sends {type, id, body}; returns the whole reply envelope with that id, or
    // a null json on timeout. Pushes received meanwhile stay queued.
    nlohmann::json request(const std::string &type, nlohmann::json body = nlohmann::json::object(),
                           int timeoutMs = 10000);
    // The next frame not yet consumed, parsed (null on timeout).
    nlohmann::json next(int timeoutMs = 5000);

    // hello with the current protocol version; true if welcomed.
    bool hello();
    // hello + login; returns the reply envelope.
    nlohmann::json login(const std::string &username, const std::string &password);

    bool isConnected() const;
    bool waitForDisconnect(int timeoutMs = 5000);
    int closeCode() const { return m_closeCode; }
    QString closeReason() const { return m_closeReason; }
    void close();

private:
    bool waitUntil(const std::function<bool()> &condition, int timeoutMs);

    QUrl m_url;
    QWebSocket m_socket;
    std::deque<nlohmann::json> m_inbox;
    int m_nextId = 1;
    bool m_disconnected = false;
    int m_closeCode = -1;
    QString m_closeReason;
};

} // namespace caredesk::test
