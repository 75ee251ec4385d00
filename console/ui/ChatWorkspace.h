#pragma once

#include "state/CannedResponseRow.h"
#include "state/ChatColleague.h"
#include "state/ChatLine.h"

#include <QHash>
#include <QList>
#include <QPointer>
#include <QWidget>
#include <functional>
#include <optional>

class QComboBox;
class QLabel;
class QSplitter;
class QStackedWidget;
class QTabWidget;
class QTableView;
class QToolBar;
class QToolButton;

namespace caredesk::console {

class BannerView;
class CannedResponsePicker;
class ChatConversation;
class ChatThreadFilterProxyModel;
class ChatThreadModel;
class ChatThreadStore;
class ChatThreadView;
class ChatTransferDialog;
class QueueStore;
class SessionState;

// The chats pane: the threads this caregiver may see (unread first to the
// eye, filterable to their own or the unclaimed ones) and the threads they
// have open, as tabs or side by side, as they prefer (remembered).
//
// Keyboard: Enter on a thread opens it; Ctrl+Tab and Ctrl+Shift+Tab move
// between open chats, Alt+1..9 jump to one, Ctrl+W closes it, Ctrl+K or "/"
// picks a canned response, Ctrl+Shift+N switches to an internal note.
//
// Like the queue board it reads stores and asks for everything through
// signals; ConsoleApplication connects them to the ChatChannel.
class ChatWorkspace : public QWidget {
    Q_OBJECT

public:
    enum class Arrangement { Tabs, SideBySide };
    Q_ENUM(Arrangement)

    ChatWorkspace(ChatThreadStore &threads, QueueStore &queue, SessionState &session,
                  QWidget *parent = nullptr);
    ~ChatWorkspace() override;

    // The clock the waiting times count on: ms since the epoch, server time.
    void setClock(const std::function<qint64()> &clock);

    // A thread the channel now follows: shown and made current.
    void addThread(caredesk::console::ChatConversation &conversation);
    void removeThread(qint64 visitId);
    // Makes an open thread current and puts the cursor in its composer.
    void showThread(qint64 visitId);
    // Shows the thread, asking for it to be opened first if it is not.
    void openThread(qint64 visitId);
    // The notification switches, offered in the pane's toolbar.
    void addNotificationActions(QAction *mute, QAction *sound);

    Arrangement arrangement() const { return m_arrangement; }
    void setArrangement(Arrangement arrangement);
    // Open threads in the order shown.
    QList<qint64> openVisitIds() const;
    std::optional<qint64> currentVisitId() const;
    ChatThreadView *threadView(qint64 visitId) const;
    // Whether the person can see this thread now (open, and its tab current
    // or side by side).
    bool isThreadVisible(qint64 visitId) const;
    QString tabText(qint64 visitId) const;

    QTableView *threadList() const { return m_threadList; }
    ChatThreadFilterProxyModel &threadProxy() const { return *m_proxy; }
    QComboBox *scopeBox() const { return m_scope; }
    QToolBar *toolBar() const { return m_toolBar; }
    QString syncText() const;
    QString bannerText() const;
    // The open picker and transfer dialog, if any.
    CannedResponsePicker *cannedPicker() const;
    ChatTransferDialog *transferDialog() const;

    void setCannedResponses(const QList<caredesk::console::CannedResponseRow> &responses);
    void setColleagues(const QList<caredesk::console::ChatColleague> &colleagues);
    // The open transfer dialog says why it has no colleagues to offer.
    void showColleaguesFailed(const QString &message);
    void showActionFailed(qint64 visitId, const QString &action, const QString &code,
                          const QString &message);
    // The text a canned response becomes in this thread: placeholders filled.
    QString expandCanned(qint64 visitId, const QString &body) const;

    void nextThread(int step);

signals:
    void openRequested(qint64 visitId);
    void closeRequested(qint64 visitId);
    void sendRequested(qint64 visitId, caredesk::console::ChatLine::Kind kind, const QString &body);
    void loadOlderRequested(qint64 visitId);
    void readRequested(qint64 visitId, qint64 seq);
    void typingRequested(qint64 visitId);
    void claimRequested(qint64 visitId);
    void transferRequested(qint64 visitId, std::optional<qint64> expectedOwnerId,
                           std::optional<qint64> toCaregiverId);
    void colleaguesRequested();
    void cannedResponsesRequested();
    void retryRequested(qint64 visitId, const QString &clientMessageId);
    void discardRequested(qint64 visitId, const QString &clientMessageId);
    // The threads the person can see changed (tab switched, opened, closed).
    void visibleThreadsChanged();

private:
    void createLayout();
    void createShortcuts();
    void updateTabTitles();
    void updateCaregiver();
    void showSyncStatus();
    void openCannedPicker(qint64 visitId, const QString &filter);
    void openTransferDialog(qint64 visitId);
    void setCurrent(qint64 visitId);
    void placeViews();
    void readVisible();

    ChatThreadStore &m_threads;
    QueueStore &m_queue;
    SessionState &m_session;
    ChatThreadModel *m_model;
    ChatThreadFilterProxyModel *m_proxy;

    QToolBar *m_toolBar = nullptr;
    QComboBox *m_scope = nullptr;
    QToolButton *m_arrangementButton = nullptr;
    QLabel *m_sync = nullptr;
    BannerView *m_banner = nullptr;
    QTableView *m_threadList = nullptr;
    QSplitter *m_split = nullptr; // list | open chats
    QStackedWidget *m_area = nullptr;
    QWidget *m_empty = nullptr;
    QTabWidget *m_tabs = nullptr;
    QSplitter *m_sideBySide = nullptr;

    Arrangement m_arrangement = Arrangement::Tabs;
    QList<ChatThreadView *> m_views; // in the order opened
    std::optional<qint64> m_current;
    std::optional<qint64> m_pendingShow; // opened from here: show when it arrives
    QList<CannedResponseRow> m_canned;
    QPointer<CannedResponsePicker> m_picker;
    qint64 m_pickerVisit = 0;
    QPointer<ChatTransferDialog> m_transferDialog;
};

} // namespace caredesk::console
