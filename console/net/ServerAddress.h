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

    // The patient web page of the server behind a WebSocket URL: the same
    // host, port and base path over HTTP(S).
    //   ws://127.0.0.1:8080/ws              -> http://127.0.0.1:8080/
    //   wss://example.org/caredesk/ws       -> https://example.org/caredesk/
    static QUrl patientPageUrl(const QUrl &webSocketUrl);
    // The link that lets a patient follow a visit staff filed for them: the
    // page with the visit's token in the fragment, which browsers never send
    // to a server nor in Referer headers.
    static QUrl patientVisitLink(const QUrl &webSocketUrl, const QString &token);

private:
    explicit ServerAddress(QUrl webSocketUrl)
        : m_webSocketUrl(std::move(webSocketUrl)) {}

    QUrl m_webSocketUrl;
};

} // namespace caredesk::console
