#include "ServerProcess.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTcpServer>
#include <QTest>

namespace caredesk::console::test {

namespace {
// First start runs initdb, which takes a while on a small machine.
constexpr int kServerStartMs = 240'000;
} // namespace

ServerProcess::ServerProcess(QString binary, QString dataDir, QString readyFile, quint16 port)
    : m_binary(std::move(binary))
    , m_dataDir(std::move(dataDir))
    , m_readyFile(std::move(readyFile))
    , m_port(port) {
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    QObject::connect(&m_process, &QProcess::readyRead, [this] { m_output += m_process.readAll(); });
}

ServerProcess::~ServerProcess() {
    stop();
}

QString ServerProcess::start() {
    QFile::remove(m_readyFile);
    m_output += "---- starting caredesk-server\n";
    m_process.start(m_binary,
                    {QStringLiteral("--data-dir"), m_dataDir, QStringLiteral("--listen"),
                     QStringLiteral("127.0.0.1"), QStringLiteral("--port"), QString::number(m_port),
                     QStringLiteral("--demo"), QStringLiteral("--ready-file"), m_readyFile});
    if (!m_process.waitForStarted(10'000))
        return {};
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < kServerStartMs) {
        const QString url = readFirstLine(m_readyFile);
        if (!url.isEmpty())
            return url;
        if (m_process.state() == QProcess::NotRunning)
            return {};
        QTest::qWait(100);
    }
    return {};
}

void ServerProcess::kill() {
    m_process.kill();
    m_process.waitForFinished(30'000);
}

bool ServerProcess::terminate() {
    m_process.terminate();
    return m_process.waitForFinished(60'000);
}

void ServerProcess::stop() {
    if (m_process.state() == QProcess::NotRunning)
        return;
    if (!terminate())
        kill();
}

std::unique_ptr<QTemporaryDir> ServerProcess::makeFolder(const QString &name) {
    auto folder = std::make_unique<QTemporaryDir>(QDir::tempPath() + QLatin1Char('/') + name +
                                                  QStringLiteral("-XXXXXX"));
    if (!folder->isValid())
        return nullptr;
    const auto open = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner |
                      QFileDevice::ReadGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther |
                      QFileDevice::ExeOther;
    const QString data = folder->filePath(QStringLiteral("data"));
    if (!QFile::setPermissions(folder->path(), open) || !QDir().mkpath(data) ||
        !QFile::setPermissions(data, open))
        return nullptr;
    return folder;
}

QString ServerProcess::screenshotPath(const QTemporaryDir &folder, const QString &name) {
    if (qEnvironmentVariable("CAREDESK_UPDATE_SCREENSHOTS") == QLatin1String("1")) {
        const QString source = qEnvironmentVariable("CAREDESK_SOURCE_DIR");
        if (!source.isEmpty())
            return source + QStringLiteral("/docs/screenshots/") + name;
    }
    return folder.filePath(name);
}

quint16 ServerProcess::freePort() {
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

std::unique_ptr<ServerProcess> ServerProcess::inFolder(const QString &binary,
                                                      const QTemporaryDir &folder) {
    return std::make_unique<ServerProcess>(binary, folder.filePath(QStringLiteral("data")),
                                           folder.filePath(QStringLiteral("ready")), freePort());
}

QString ServerProcess::demoPassword() const {
    return readFirstLine(m_dataDir + QStringLiteral("/demo-admin-password"));
}

QString ServerProcess::readFirstLine(const QString &path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readLine()).trimmed();
}

} // namespace caredesk::console::test
