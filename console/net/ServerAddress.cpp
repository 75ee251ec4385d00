#include "net/ServerAddress.h"

namespace caredesk::console {

std::optional<ServerAddress> ServerAddress::fromUserInput(const QString &text) {
    QString input = text.trimmed();
    if (input.isEmpty() || input.contains(QLatin1Char(' ')))
        return std::nullopt;
    if (!input.contains(QLatin1String("://")))
        input.prepend(QLatin1String("https://"));

    QUrl url(input, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() || !url.userInfo().isEmpty())
        return std::nullopt;

    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("http") || scheme == QLatin1String("ws"))
        url.setScheme(QStringLiteral("ws"));
    else if (scheme == QLatin1String("https") || scheme == QLatin1String("wss"))
        url.setScheme(QStringLiteral("wss"));
    else
        return std::nullopt;

    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    if (!path.endsWith(QLatin1String("/ws")))
        path += QLatin1String("/ws");
    url.setPath(path);
    url.setQuery(QString());
    url.setFragment(QString());
    return ServerAddress(url);
}

bool ServerAddress::usesTls() const {
    return m_webSocketUrl.scheme() == QLatin1String("wss");
}

QUrl ServerAddress::patientPageUrl(const QUrl &webSocketUrl) {
    QUrl page = webSocketUrl;
    const QString scheme = page.scheme().toLower();
    if (scheme == QLatin1String("wss"))
        page.setScheme(QStringLiteral("https"));
    else if (scheme == QLatin1String("ws"))
        page.setScheme(QStringLiteral("http"));
    QString path = page.path();
    if (path.endsWith(QLatin1String("/ws")))
        path.chop(2);
    if (!path.endsWith(QLatin1Char('/')))
        path += QLatin1Char('/');
    page.setPath(path);
    page.setQuery(QString());
    page.setFragment(QString());
    page.setUserInfo(QString());
    return page;
}

QUrl ServerAddress::patientVisitLink(const QUrl &webSocketUrl, const QString &token) {
    QUrl link = patientPageUrl(webSocketUrl);
    link.setFragment(QStringLiteral("visit=") + token);
    return link;
}

} // namespace caredesk::console
