#pragma once

#include "net/AccountChannel.h"
#include "net/AuditChannel.h"
#include "net/ChatChannel.h"
#include "net/QueueChannel.h"
#include "net/ServerConnection.h"
#include "net/StateSettingsChannel.h"
#include "state/ChatThreadStore.h"
#include "state/QueueStore.h"
#include "state/SessionState.h"
#include "state/StateSettingsStore.h"
#include "ui/ChatNotifier.h"
#include "ui/MainWindow.h"
#include "ui/SignInFlow.h"

#include <QObject>
#include <functional>

namespace caredesk::console {

struct LaunchOptions;

// The console's objects, created and wired once: the connection, the session
// state, the queue board's store and channel, the chats' store, channel and
// notifier, the state settings' store and channel, the audit and account
// channels of admins, the main window and the sign-in flow. main() only parses the command
// line and runs this; tests run exactly the same wiring.
class ConsoleApplication : public QObject {
    Q_OBJECT

public:
    explicit ConsoleApplication(ConnectionTimings timings = {}, QObject *parent = nullptr);

    void start(const LaunchOptions &options);

    ServerConnection &connection() { return m_connection; }
    SessionState &state() { return m_state; }
    QueueStore &queueStore() { return m_queueStore; }
    QueueChannel &queueChannel() { return m_queueChannel; }
    ChatThreadStore &chatThreads() { return m_chatThreads; }
    ChatChannel &chatChannel() { return m_chatChannel; }
    ChatNotifier &chatNotifier() { return m_chatNotifier; }
    AuditChannel &auditChannel() { return m_auditChannel; }
    AccountChannel &accountChannel() { return m_accountChannel; }
    StateSettingsStore &stateSettingsStore() { return m_stateSettingsStore; }
    StateSettingsChannel &stateSettingsChannel() { return m_stateSettingsChannel; }
    MainWindow &mainWindow() { return m_mainWindow; }
    SignInFlow &signInFlow() { return m_signInFlow; }

signals:
    // Time to leave the event loop with this exit code.
    void finished(int exitCode);

private:
    // Now on the server's clock (ms since the epoch), whatever this
    // workstation's says.
    std::function<qint64()> serverClock() const;
    void wireQueueBoard();
    void wireStateSettings();
    void wireChats();
    void wireAuditLog();
    void wireCaregivers();
    void saveScreenshot(const QString &path);
    void finishAfterClose(int exitCode);

    ServerConnection m_connection;
    SessionState m_state;
    QueueStore m_queueStore;
    QueueChannel m_queueChannel;
    ChatThreadStore m_chatThreads;
    ChatChannel m_chatChannel;
    AuditChannel m_auditChannel;
    AccountChannel m_accountChannel;
    StateSettingsStore m_stateSettingsStore;
    StateSettingsChannel m_stateSettingsChannel;
    MainWindow m_mainWindow;
    ChatNotifier m_chatNotifier;
    SignInFlow m_signInFlow;
};

} // namespace caredesk::console
