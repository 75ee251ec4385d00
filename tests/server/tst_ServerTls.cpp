// With a certificate and key configured, the one port speaks https and wss only.

#include "ServerUnderTest.h"
#include "TestDatabase.h"
#include "WsTestClient.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

using caredesk::test::ServerUnderTest;
using caredesk::test::WsTestClient;

class ServerTlsTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<ServerUnderTest> m_server;
    QSslConfiguration m_trustTestCertificate;

    QString path(const char *name) const { return m_dir.filePath(QString::fromLatin1(name)); }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        QProcess openssl;
        openssl.start("openssl", {"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                                  "-subj", "/CN=127.0.0.1", "-addext",
                                  "subjectAltName=IP:127.0.0.1", "-keyout", path("key.pem"),
                                  "-out", path("cert.pem")});
        QVERIFY2(openssl.waitForFinished(60000) && openssl.exitCode() == 0,
                 openssl.readAllStandardError().constData());
        m_server = std::make_unique<ServerUnderTest>(
            caredesk::test::TestDatabase::create(), [this](caredesk::server::ServerConfig &c) {
                c.tlsCertificate = path("cert.pem").toStdString();
                c.tlsPrivateKey = path("key.pem").toStdString();
            });
        const auto certificates = QSslCertificate::fromPath(path("cert.pem"));
        QCOMPARE(certificates.size(), 1);
        m_trustTestCertificate = QSslConfiguration::defaultConfiguration();
        m_trustTestCertificate.setCaCertificates(certificates);
    }
    void cleanupTestCase() { m_server.reset(); }

    void webSocketOverTls() {
        QUrl url = m_server->wsUrl();
        url.setScheme("wss");
        WsTestClient client(url);
        client.setSslConfiguration(m_trustTestCertificate);
        QVERIFY(client.open());
        QVERIFY(client.hello());
        QCOMPARE(client.request("login", {{"username", "x"}, {"password", "y"}})["body"]["code"],
                 nlohmann::json("invalid_credentials"));
    }

    void httpsProbes() {
        QNetworkAccessManager manager;
        QUrl url = m_server->httpUrl("/healthz");
        url.setScheme("https");
        QNetworkRequest request(url);
        request.setSslConfiguration(m_trustTestCertificate);
        QNetworkReply *reply = manager.get(request);
        QEventLoop loop;
        connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(10000, &loop, &QEventLoop::quit);
        loop.exec();
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QCOMPARE(reply->readAll(), QByteArray("ok\n"));
        reply->deleteLater();
    }

    void plainWebSocketIsNotServed() {
        WsTestClient client(m_server->wsUrl()); // ws:// on the TLS port
        QVERIFY(!client.open(3000) || !client.hello());
    }

    void untrustedCertificateIsRejectedByClients() {
        QUrl url = m_server->wsUrl();
        url.setScheme("wss");
        WsTestClient client(url); // default trust store: the self-signed certificate is unknown
        QVERIFY(!client.open(3000));
    }
};

QTEST_GUILESS_MAIN(ServerTlsTest)
#include "tst_ServerTls.moc"
