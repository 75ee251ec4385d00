#include "net/ServerAddress.h"

#include <QTest>

using caredesk::console::ServerAddress;

class ServerAddressTest : public QObject {
    Q_OBJECT

private slots:
    void turnsWhatPeopleTypeIntoWebSocketUrls_data();
    void turnsWhatPeopleTypeIntoWebSocketUrls();
    void refusesWhatIsNotAServer_data();
    void refusesWhatIsNotAServer();
    void patientLinkFollowsTheServer_data();
    void patientLinkFollowsTheServer();
};

void ServerAddressTest::turnsWhatPeopleTypeIntoWebSocketUrls_data() {
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("url");
    QTest::newRow("bare host means TLS") << "caredesk.example.org"
                                         << "wss://caredesk.example.org/ws";
    QTest::newRow("host and port") << "caredesk.example.org:8443"
                                   << "wss://caredesk.example.org:8443/ws";
    QTest::newRow("http from a ready file") << "http://127.0.0.1:8080"
                                            << "ws://127.0.0.1:8080/ws";
    QTest::newRow("https with slash") << "https://example.org/"
                                      << "wss://example.org/ws";
    QTest::newRow("behind a path") << "https://example.org/caredesk"
                                   << "wss://example.org/caredesk/ws";
    QTest::newRow("already a websocket url") << "ws://host:9000/ws"
                                             << "ws://host:9000/ws";
    QTest::newRow("wss without path") << "wss://host"
                                      << "wss://host/ws";
    QTest::newRow("upper-case scheme, spaces") << "  HTTP://Host:80  "
                                               << "ws://host:80/ws";
    QTest::newRow("query dropped") << "http://host/?x=1#top"
                                   << "ws://host/ws";
}

void ServerAddressTest::turnsWhatPeopleTypeIntoWebSocketUrls() {
    QFETCH(QString, typed);
    QFETCH(QString, url);
    const auto address = ServerAddress::fromUserInput(typed);
    QVERIFY(address);
    QCOMPARE(address->webSocketUrl().toString(), url);
    QCOMPARE(address->usesTls(), url.startsWith(QLatin1String("wss:")));
}

void ServerAddressTest::refusesWhatIsNotAServer_data() {
    QTest::addColumn<QString>("typed");
    QTest::newRow("empty") << "";
    QTest::newRow("blank") << "   ";
    QTest::newRow("ftp") << "ftp://example.org";
    QTest::newRow("file") << "file:///etc/passwd";
    QTest::newRow("no host") << "https://";
    QTest::newRow("spaces inside") << "care desk.example.org";
    QTest::newRow("credentials in url") << "https://user:pw@example.org";
}

void ServerAddressTest::refusesWhatIsNotAServer() {
    QFETCH(QString, typed);
    QVERIFY(!ServerAddress::fromUserInput(typed));
}

void ServerAddressTest::patientLinkFollowsTheServer_data() {
    QTest::addColumn<QString>("webSocket");
    QTest::addColumn<QString>("page");
    QTest::newRow("plain, with port") << "ws://127.0.0.1:8080/ws"
                                      << "http://127.0.0.1:8080/";
    QTest::newRow("tls") << "wss://care.example.org/ws"
                         << "https://care.example.org/";
    QTest::newRow("tls, port") << "wss://care.example.org:8443/ws"
                               << "https://care.example.org:8443/";
    QTest::newRow("behind a path") << "wss://example.org/caredesk/ws"
                                   << "https://example.org/caredesk/";
}

void ServerAddressTest::patientLinkFollowsTheServer() {
    QFETCH(QString, webSocket);
    QFETCH(QString, page);
    const QUrl url(webSocket);
    QCOMPARE(ServerAddress::patientPageUrl(url).toString(), page);
    const QString token = QStringLiteral("pQ2c9Xv-Lr0tWm4Jk8aZ1bN7sDfGhE5uIo3yTnA6Mzk");
    const QUrl link = ServerAddress::patientVisitLink(url, token);
    QCOMPARE(link.toString(), page + QStringLiteral("#visit=") + token);
    // The token travels only in the fragment: never in the path or query.
    QCOMPARE(link.fragment(), QStringLiteral("visit=") + token);
    QVERIFY(!link.path().contains(token));
    QVERIFY(link.query().isEmpty());
    // Typed server addresses lead to the same page.
    const auto typed = ServerAddress::fromUserInput(page);
    QVERIFY(typed);
    QCOMPARE(ServerAddress::patientPageUrl(typed->webSocketUrl()).toString(), page);
}

QTEST_GUILESS_MAIN(ServerAddressTest)
#include "ServerAddressTest.moc"
