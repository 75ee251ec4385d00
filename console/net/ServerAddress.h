#pragma once

#include <QString>
#include <QUrl>
#include <optional>

namespace caredesk::console {

// The server a person typed, and the WebSocket URL it stands for.
//   "caredesk.example.org"            -> wss://caredesk.example.org/ws
//   "http://127.0.0.1:8080"           -> ws://127.0.0.1:8080/ws
//   "https://example.org/caredesk"    -> wss://example.org/caredesk/ws
//   "ws://host:8080/ws"               -> unchanged
// Without a scheme TLS is assumed: the traffic carries health data.
class ServerAddress {
public:
    static std::optional<ServerAddress> fromUserInput(const QString &text);

    const QUrl &webSocketUrl() const { return m_webSocketUrl; }
    bool usesTls() const;

private:
    explicit ServerAddress(QUrl webSocketUrl)
        : m_webSocketUrl(std::move(webSocketUrl)) {}

    QUrl m_webSocketUrl;
};

} // namespace caredesk::console
