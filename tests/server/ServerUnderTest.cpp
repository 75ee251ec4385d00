#include "ServerUnderTest.h"

#include "security/PasswordHasher.h"
#include "storage/CaregiverRepository.h"
#include "storage/DatabasePool.h"
#include "storage/ApplicationRole.h"
#include "storage/Migrator.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QTimer>

#include <pqxx/pqxx>

namespace caredesk::test {

ServerUnderTest::ServerUnderTest(const std::string &connectionString,
                                 const std::function<void(server::ServerConfig &)> &tweak)
    : m_connectionString(connectionString) {
    std::string runtimeConnection;
    {
        // As a deployment does: migrate as the owner, run as the application
        // role, so a grant missing from a migration fails here first.
        pqxx::connection db(connectionString);
        server::Migrator().migrate(db);
        runtimeConnection = server::applicationConnectionString(db, connectionString);
    }
    m_config.listenAddress = "127.0.0.1";
    m_config.port = 0;
    m_config.passwordCost = "minimum";
    m_config.dbThreads = 2;
    m_config.webRoot = std::string(CAREDESK_TEST_WEB_ROOT);
    // One audit key for every server of the test, as one deployment has:
    // a restarted server carries on the same chain.
    static const QTemporaryDir keys;
    m_config.auditKeyFile = keys.filePath(QStringLiteral("audit-key")).toStdString();
    if (tweak)
        tweak(m_config);
    m_runtime = std::make_unique<server::ServerRuntime>(m_config, runtimeConnection);
    m_port = m_runtime->start();
}

ServerUnderTest::~ServerUnderTest() { stop(); }

void ServerUnderTest::stop() {
    if (m_runtime)
        m_runtime->stop(std::chrono::seconds(2));
}

QUrl ServerUnderTest::wsUrl() const {
    return QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(m_port));
}

QUrl ServerUnderTest::httpUrl(const QString &path) const {
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path));
}

std::int64_t ServerUnderTest::addCaregiver(const std::string &username,
                                           const std::string &password, domain::RoleSet roles,
                                           bool active) {
    const server::PasswordHasher hasher(server::passwordCost(m_config.passwordCost));
    std::int64_t id = 0;
    server::DatabasePool::runOnce(m_connectionString, [&](pqxx::work &tx) {
        id = server::CaregiverRepository::create(tx, username, "Test " + username,
                                                 hasher.hash(password), roles);
        if (!active)
            tx.exec_params0("UPDATE caregivers SET active = false WHERE id = $1", id);
    });
    return id;
}

ServerUnderTest::HttpReply ServerUnderTest::get(const QString &path) const {
    QNetworkAccessManager manager;
    QNetworkRequest request(httpUrl(path));
    QNetworkReply *reply = manager.get(request);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    loop.exec();
    HttpReply result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    reply->deleteLater();
    return result;
}

} // namespace caredesk::test
