#pragma once

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>
#include <memory>

namespace caredesk::console::test {

// The real caredesk-server as a child process with demo data, always on the
// same port and data folder, so stopping and starting it again is a restart.
class ServerProcess {
public:
    ServerProcess(QString binary, QString dataDir, QString readyFile, quint16 port);
    // The binary on a free port, with its data in folder's "data" (see makeFolder).
    static std::unique_ptr<ServerProcess> inFolder(const QString &binary,
                                                   const QTemporaryDir &folder);
    ~ServerProcess();
    ServerProcess(const ServerProcess &) = delete;
    ServerProcess &operator=(const ServerProcess &) = delete;

    // Starts the server and waits until it says it is listening. Returns its
    // base URL, or an empty string (with the reason in output()).
    QString start();
    // A crash: no close frames, the database left to its parent-death signal.
    void kill();
    // SIGTERM: the server closes every WebSocket with 1001 and stops cleanly.
    bool terminate();
    void stop();

    QByteArray output() const { return m_output; }
    // The demo accounts' password, written by a started server (empty if missing).
    QString demoPassword() const;

    // A folder for a server's data under the system temp folder, open for
    // traversal: when the server runs as root, its PostgreSQL runs as an
    // unprivileged user that must reach the data folder through every parent.
    // Holds "data"; null when it cannot be made.
    static std::unique_ptr<QTemporaryDir> makeFolder(const QString &name);
    // Where a test saves the screenshot `name`: docs/screenshots/ of the source
    // tree when CAREDESK_UPDATE_SCREENSHOTS=1, else the test's own folder.
    static QString screenshotPath(const QTemporaryDir &folder, const QString &name);
    static quint16 freePort();
    static QString readFirstLine(const QString &path);

private:
    QString m_binary;
    QString m_dataDir;
    QString m_readyFile;
    quint16 m_port;
    QProcess m_process;
    QByteArray m_output;
};

} // namespace caredesk::console::test
