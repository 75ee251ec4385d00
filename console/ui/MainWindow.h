#pragma once

#include <QMainWindow>

class QAction;
class QDockWidget;
class QLabel;
class QPushButton;
class QToolBar;

namespace caredesk::console {

class AuditLogView;
class BannerView;
class CannedResponseEditor;
class CaregiversWindow;
class ChatThreadStore;
class ChatWorkspace;
class ConnectionStatusView;
class CoverageBoardView;
class QueueBoardView;
class QueueStore;
class SessionState;
class StateSettingsStore;
class StateSettingsView;

// The caregiver's workspace: one pane per kind of work (queues, chats,
// coverage, administration) around the visit area, a status bar with the link
// and the signed-in person. It only arranges and wires widgets; it knows
// nothing of the network.
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    MainWindow(SessionState &state, QueueStore &queueStore, StateSettingsStore &stateSettings,
               ChatThreadStore &chatThreads, QWidget *parent = nullptr);

    QueueBoardView &queueBoard() const { return *m_queueBoard; }
    ChatWorkspace &chatWorkspace() const { return *m_chatWorkspace; }
    CoverageBoardView &coverageBoard() const { return *m_coverageBoard; }
    // Brings the chats pane into view (it may have been closed or tabbed away).
    void showChats();
    // Its own window, opened from the board or the Admin pane.
    StateSettingsView &stateSettings() const { return *m_stateSettings; }
    void openStateSettings(const QString &stateCode = {});
    // Admins: the canned responses staff insert into chats, in their own window.
    CannedResponseEditor &cannedResponses() const { return *m_cannedResponses; }
    void openCannedResponses();
    // Admins: the audit trail, in its own window.
    AuditLogView &auditLog() const { return *m_auditLog; }
    void openAuditLog();
    // Admins: caregiver accounts, their licenses and bulk import, in their own window.
    CaregiversWindow &caregivers() const { return *m_caregivers; }
    void openCaregivers();

    // A warning across the top of the window that stays until dismissed or
    // replaced (a provider's license lapsing); empty text takes it away.
    void showLicenseWarning(const QString &text);
    QString licenseWarningText() const;

    QString connectionStatusText() const;
    QString signedInText() const;
    // Stores window geometry and the arrangement of the panes.
    void saveLayout() const;

signals:
    void logOutRequested();
    void quitRequested();

protected:
    void closeEvent(QCloseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    QDockWidget *addPane(const QString &name, const QString &title, QWidget *content,
                         Qt::DockWidgetArea area);
    void createMenus();
    void showCaregiver();
    void showAbout();
    void fitNotice();

    SessionState &m_state;
    ConnectionStatusView *m_connectionStatus;
    QueueBoardView *m_queueBoard;
    ChatWorkspace *m_chatWorkspace;
    QDockWidget *m_chatsPane = nullptr;
    CoverageBoardView *m_coverageBoard;
    StateSettingsView *m_stateSettings;
    QPushButton *m_openStateSettings = nullptr;
    CannedResponseEditor *m_cannedResponses;
    QPushButton *m_openCannedResponses = nullptr;
    AuditLogView *m_auditLog;
    QPushButton *m_openAuditLog = nullptr;
    CaregiversWindow *m_caregivers;
    QPushButton *m_openCaregivers = nullptr;
    QueueStore &m_queueStore;
    QToolBar *m_bannerBar = nullptr;
    BannerView *m_licenseBanner = nullptr;
    QWidget *m_noticeHolder = nullptr;
    qint64 m_shownCaregiverId = 0; // who showCaregiver() last showed
    QLabel *m_signedIn;
    QAction *m_logOut = nullptr;
    QList<QDockWidget *> m_panes;
    QByteArray m_defaultLayout;
};

} // namespace caredesk::console
