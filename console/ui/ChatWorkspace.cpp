#include "ui/ChatWorkspace.h"

#include "state/ProtocolText.h"
#include "domain/CannedPlaceholders.h"
#include "models/ChatThreadFilterProxyModel.h"
#include "models/ChatThreadModel.h"
#include "models/DurationText.h"
#include "state/ChatConversation.h"
#include "state/ChatThreadStore.h"
#include "state/QueueStore.h"
#include "state/SessionState.h"
#include "ui/BannerView.h"
#include "ui/CannedResponsePicker.h"
#include "ui/ChatThreadView.h"
#include "ui/ChatTransferDialog.h"
#include "ui/EmptyStateView.h"

#include <QAction>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>
#include <map>

namespace caredesk::console {

namespace {
const QString kArrangementKey = QStringLiteral("chat/arrangement");
const QString kSplitKey = QStringLiteral("chat/listSplit");
const QString kScopeKey = QStringLiteral("chat/scope");

} // namespace

ChatWorkspace::ChatWorkspace(ChatThreadStore &threads, QueueStore &queue, SessionState &session,
                             QWidget *parent)
    : QWidget(parent)
    , m_threads(threads)
    , m_queue(queue)
    , m_session(session)
    , m_model(new ChatThreadModel(threads, this))
    , m_proxy(new ChatThreadFilterProxyModel(this)) {
    setObjectName(QStringLiteral("chatWorkspace"));
    m_proxy->setSourceModel(m_model);
    createLayout();
    createShortcuts();

    const QSettings settings;
    m_arrangement = settings.value(kArrangementKey).toString() == QLatin1String("sideBySide")
                        ? Arrangement::SideBySide
                        : Arrangement::Tabs;
    m_split->restoreState(settings.value(kSplitKey).toByteArray());
    m_scope->setCurrentIndex(std::clamp(settings.value(kScopeKey, 0).toInt(), 0, 2));
    placeViews();

    connect(&m_threads, &ChatThreadStore::threadChanged, this, &ChatWorkspace::updateTabTitles);
    connect(&m_threads, &ChatThreadStore::threadsAdded, this, &ChatWorkspace::updateTabTitles);
    connect(&m_threads, &ChatThreadStore::reset, this, &ChatWorkspace::updateTabTitles);
    connect(&m_threads, &ChatThreadStore::syncStatusChanged, this, &ChatWorkspace::showSyncStatus);
    connect(&m_session, &SessionState::caregiverChanged, this, &ChatWorkspace::updateCaregiver);
    updateCaregiver();
    showSyncStatus();
}

ChatWorkspace::~ChatWorkspace() {
    QSettings settings;
    settings.setValue(kSplitKey, m_split->saveState());
}

void ChatWorkspace::createLayout() {
    m_toolBar = new QToolBar(this);
    m_toolBar->setObjectName(QStringLiteral("chatToolBar"));
    m_toolBar->setIconSize(QSize(16, 16));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_scope = new QComboBox(this);
    m_scope->setObjectName(QStringLiteral("chatScope"));
    m_scope->addItem(tr("All chats"));
    m_scope->addItem(tr("Mine"));
    m_scope->addItem(tr("Unclaimed"));
    m_scope->setToolTip(tr("Which chats the list shows"));
    m_toolBar->addWidget(m_scope);
    connect(m_scope, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_proxy->setScope(static_cast<ChatThreadFilterProxyModel::Scope>(index));
        QSettings().setValue(kScopeKey, index);
    });
    m_arrangementButton = new QToolButton(this);
    m_arrangementButton->setObjectName(QStringLiteral("chatArrangement"));
    m_arrangementButton->setCheckable(true);
    m_arrangementButton->setText(tr("Side by side"));
    m_arrangementButton->setToolTip(tr("Show open chats side by side instead of as tabs"));
    m_toolBar->addWidget(m_arrangementButton);
    connect(m_arrangementButton, &QToolButton::toggled, this, [this](bool sideBySide) {
        setArrangement(sideBySide ? Arrangement::SideBySide : Arrangement::Tabs);
    });
    auto *spacer = new QWidget(this);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_toolBar->addWidget(spacer);
    m_sync = new QLabel(this);
    m_sync->setObjectName(QStringLiteral("chatSync"));
    m_toolBar->addWidget(m_sync);

    m_banner = new BannerView(this);

    m_threadList = new QTableView(this);
    m_threadList->setObjectName(QStringLiteral("chatThreadList"));
    m_threadList->setModel(m_proxy);
    m_threadList->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_threadList->setSelectionMode(QAbstractItemView::SingleSelection);
    m_threadList->setSortingEnabled(true);
    m_threadList->sortByColumn(ChatThreadModel::LastMessageColumn, Qt::DescendingOrder);
    m_threadList->verticalHeader()->hide();
    m_threadList->setWordWrap(false);
    m_threadList->setAlternatingRowColors(true);
    m_threadList->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_threadList->setTabKeyNavigation(false);
    QHeaderView *header = m_threadList->horizontalHeader();
    header->setStretchLastSection(true);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->resizeSection(ChatThreadModel::PatientColumn, 130);
    header->resizeSection(ChatThreadModel::StateColumn, 48);
    header->resizeSection(ChatThreadModel::WaitingColumn, 70);
    header->resizeSection(ChatThreadModel::UnreadColumn, 58);
    header->resizeSection(ChatThreadModel::OwnerColumn, 110);
    m_threadList->verticalHeader()->setDefaultSectionSize(m_threadList->fontMetrics().height() + 10);
    connect(m_threadList, &QTableView::activated, this, [this](const QModelIndex &index) {
        openThread(index.data(ChatThreadModel::VisitIdRole).toLongLong());
    });

    m_empty = new EmptyStateView(EmptyStateView::Pictogram::Conversation, tr("No chat open"),
                                 tr("Open a chat from the list above (double-click or Enter), "
                                    "or from a visit on the queue board."),
                                 this);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("chatTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(false);
    m_tabs->setUsesScrollButtons(true);
    m_tabs->setElideMode(Qt::ElideRight);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, [this](int index) {
        if (auto *view = qobject_cast<ChatThreadView *>(m_tabs->widget(index)))
            emit closeRequested(view->visitId());
    });
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        if (m_arrangement != Arrangement::Tabs)
            return;
        if (auto *view = qobject_cast<ChatThreadView *>(m_tabs->widget(index)))
            m_current = view->visitId();
        readVisible();
        emit visibleThreadsChanged();
    });
    m_sideBySide = new QSplitter(Qt::Horizontal, this);
    m_sideBySide->setObjectName(QStringLiteral("chatSideBySide"));
    m_sideBySide->setChildrenCollapsible(false);
    m_area = new QStackedWidget(this);
    m_area->addWidget(m_empty);
    m_area->addWidget(m_tabs);
    m_area->addWidget(m_sideBySide);

    m_split = new QSplitter(Qt::Vertical, this);
    m_split->setObjectName(QStringLiteral("chatSplit"));
    m_split->setChildrenCollapsible(false);
    m_split->addWidget(m_threadList);
    m_split->addWidget(m_area);
    m_split->setStretchFactor(0, 2);
    m_split->setStretchFactor(1, 5);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_toolBar);
    layout->addWidget(m_banner);
    layout->addWidget(m_split, 1);
}

void ChatWorkspace::createShortcuts() {
    const auto add = [this](const QKeySequence &keys, Qt::ShortcutContext context, auto slot) {
        auto *shortcut = new QShortcut(keys, this);
        shortcut->setContext(context);
        connect(shortcut, &QShortcut::activated, this, slot);
        return shortcut;
    };
    add(QKeySequence(Qt::CTRL | Qt::Key_Tab), Qt::WidgetWithChildrenShortcut,
        [this] { nextThread(1); });
    add(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Backtab), Qt::WidgetWithChildrenShortcut,
        [this] { nextThread(-1); });
    add(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Tab), Qt::WidgetWithChildrenShortcut,
        [this] { nextThread(-1); });
    add(QKeySequence(Qt::CTRL | Qt::Key_W), Qt::WidgetWithChildrenShortcut, [this] {
        if (m_current)
            emit closeRequested(*m_current);
    });
    // From anywhere in the window: straight into the n-th open chat.
    for (int n = 1; n <= 9; ++n) {
        auto *jump = add(QKeySequence(Qt::ALT | static_cast<Qt::Key>(Qt::Key_0 + n)),
                         Qt::WindowShortcut, [this, n] {
                             const QList<qint64> open = openVisitIds();
                             if (n <= open.size())
                                 showThread(open[n - 1]);
                         });
        jump->setObjectName(QStringLiteral("jumpToChat%1").arg(n));
    }
}

void ChatWorkspace::addNotificationActions(QAction *mute, QAction *sound) {
    auto *button = new QToolButton(this);
    button->setObjectName(QStringLiteral("chatNotifications"));
    button->setText(tr("Notifications"));
    button->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(button);
    menu->addAction(mute);
    menu->addAction(sound);
    button->setMenu(menu);
    m_toolBar->insertWidget(m_toolBar->actions().value(2), button);
}

void ChatWorkspace::setClock(const std::function<qint64()> &clock) {
    m_model->setClock(clock);
}

void ChatWorkspace::updateCaregiver() {
    const auto &caregiver = m_session.caregiver();
    const qint64 id = caregiver ? caregiver->userId : 0;
    const bool staff = caregiver && (caregiver->hasRole(QStringLiteral("support")) ||
                                     caregiver->hasRole(QStringLiteral("admin")));
    m_proxy->setCaregiverId(id);
    for (ChatThreadView *view : std::as_const(m_views))
        view->setCaregiver(id, staff);
    m_threadList->setColumnHidden(ChatThreadModel::OwnerColumn, !staff);
    m_scope->setVisible(staff);
}

void ChatWorkspace::showSyncStatus() {
    switch (m_threads.syncStatus()) {
    case ChatThreadStore::SyncStatus::Offline:
        m_sync->setText(tr("Not connected"));
        break;
    case ChatThreadStore::SyncStatus::Loading:
        m_sync->setText(tr("Loading…"));
        break;
    case ChatThreadStore::SyncStatus::Live:
        m_sync->setText(QString());
        break;
    case ChatThreadStore::SyncStatus::Stale:
        m_sync->setText(tr("Reconnecting: showing the chats as last known"));
        break;
    }
}

CannedResponsePicker *ChatWorkspace::cannedPicker() const {
    return m_picker;
}

ChatTransferDialog *ChatWorkspace::transferDialog() const {
    return m_transferDialog;
}

QString ChatWorkspace::syncText() const {
    return m_sync->text();
}

QString ChatWorkspace::bannerText() const {
    return m_banner->isVisible() ? m_banner->text() : QString();
}

void ChatWorkspace::openThread(qint64 visitId) {
    if (visitId <= 0)
        return;
    if (threadView(visitId)) {
        showThread(visitId);
        return;
    }
    m_pendingShow = visitId;
    emit openRequested(visitId);
}

void ChatWorkspace::addThread(ChatConversation &conversation) {
    const qint64 visitId = conversation.visitId();
    if (threadView(visitId))
        return;
    auto *view = new ChatThreadView(conversation, m_threads, this);
    const auto &caregiver = m_session.caregiver();
    view->setCaregiver(caregiver ? caregiver->userId : 0,
                       caregiver && (caregiver->hasRole(QStringLiteral("support")) ||
                                     caregiver->hasRole(QStringLiteral("admin"))));
    connect(view, &ChatThreadView::sendRequested, this, &ChatWorkspace::sendRequested);
    connect(view, &ChatThreadView::loadOlderRequested, this, &ChatWorkspace::loadOlderRequested);
    connect(view, &ChatThreadView::readRequested, this, &ChatWorkspace::readRequested);
    connect(view, &ChatThreadView::typingRequested, this, &ChatWorkspace::typingRequested);
    connect(view, &ChatThreadView::claimRequested, this, &ChatWorkspace::claimRequested);
    connect(view, &ChatThreadView::closeRequested, this, &ChatWorkspace::closeRequested);
    connect(view, &ChatThreadView::retryRequested, this, &ChatWorkspace::retryRequested);
    connect(view, &ChatThreadView::discardRequested, this, &ChatWorkspace::discardRequested);
    connect(view, &ChatThreadView::transferRequested, this, &ChatWorkspace::openTransferDialog);
    connect(view, &ChatThreadView::cannedRequested, this, &ChatWorkspace::openCannedPicker);
    connect(view, &ChatThreadView::activated, this, [this](qint64 id) { m_current = id; });
    m_views.append(view);
    placeViews();
    const bool show = m_pendingShow == visitId || !m_current;
    m_pendingShow.reset();
    if (show)
        showThread(visitId);
    updateTabTitles();
    emit visibleThreadsChanged();
}

void ChatWorkspace::removeThread(qint64 visitId) {
    ChatThreadView *view = threadView(visitId);
    if (!view)
        return;
    const int position = static_cast<int>(m_views.indexOf(view));
    m_views.removeAll(view);
    if (m_tabs->indexOf(view) >= 0)
        m_tabs->removeTab(m_tabs->indexOf(view));
    view->hide();
    view->setParent(nullptr);
    view->deleteLater();
    if (m_current == visitId) {
        m_current.reset();
        if (!m_views.isEmpty())
            showThread(m_views[std::min<int>(position, static_cast<int>(m_views.size()) - 1)]
                           ->visitId());
    }
    placeViews();
    emit visibleThreadsChanged();
}

void ChatWorkspace::setArrangement(Arrangement arrangement) {
    if (arrangement == m_arrangement)
        return;
    m_arrangement = arrangement;
    QSettings().setValue(kArrangementKey, arrangement == Arrangement::SideBySide
                                              ? QStringLiteral("sideBySide")
                                              : QStringLiteral("tabs"));
    placeViews();
    if (m_current)
        showThread(*m_current);
    emit visibleThreadsChanged();
}

void ChatWorkspace::placeViews() {
    const QSignalBlocker blockButton(m_arrangementButton);
    m_arrangementButton->setChecked(m_arrangement == Arrangement::SideBySide);
    const QSignalBlocker blockTabs(m_tabs);
    for (ChatThreadView *view : std::as_const(m_views)) {
        if (m_arrangement == Arrangement::Tabs) {
            if (m_tabs->indexOf(view) < 0)
                m_tabs->addTab(view, view->title());
        } else {
            const int tab = m_tabs->indexOf(view);
            if (tab >= 0)
                m_tabs->removeTab(tab);
            if (m_sideBySide->indexOf(view) < 0)
                m_sideBySide->addWidget(view);
            view->show();
        }
    }
    if (m_views.isEmpty())
        m_area->setCurrentWidget(m_empty);
    else
        m_area->setCurrentWidget(m_arrangement == Arrangement::Tabs ? static_cast<QWidget *>(m_tabs)
                                                                    : m_sideBySide);
    updateTabTitles();
}

QList<qint64> ChatWorkspace::openVisitIds() const {
    QList<qint64> ids;
    if (m_arrangement == Arrangement::Tabs) {
        for (int index = 0; index < m_tabs->count(); ++index) {
            if (auto *view = qobject_cast<ChatThreadView *>(m_tabs->widget(index)))
                ids.append(view->visitId());
        }
        return ids;
    }
    for (int index = 0; index < m_sideBySide->count(); ++index) {
        if (auto *view = qobject_cast<ChatThreadView *>(m_sideBySide->widget(index)))
            ids.append(view->visitId());
    }
    return ids;
}

std::optional<qint64> ChatWorkspace::currentVisitId() const {
    return m_current;
}

ChatThreadView *ChatWorkspace::threadView(qint64 visitId) const {
    for (ChatThreadView *view : m_views) {
        if (view->visitId() == visitId)
            return view;
    }
    return nullptr;
}

bool ChatWorkspace::isThreadVisible(qint64 visitId) const {
    const ChatThreadView *view = threadView(visitId);
    return view && view->isVisible() && view->visibleRegion().boundingRect().height() > 40;
}

QString ChatWorkspace::tabText(qint64 visitId) const {
    const int index = m_tabs->indexOf(threadView(visitId));
    return index >= 0 ? m_tabs->tabText(index) : QString();
}

void ChatWorkspace::setCurrent(qint64 visitId) {
    m_current = visitId;
}

void ChatWorkspace::showThread(qint64 visitId) {
    ChatThreadView *view = threadView(visitId);
    if (!view)
        return;
    setCurrent(visitId);
    if (m_arrangement == Arrangement::Tabs)
        m_tabs->setCurrentWidget(view);
    view->focusComposer();
    view->updateRead();
    emit visibleThreadsChanged();
}

void ChatWorkspace::nextThread(int step) {
    const QList<qint64> open = openVisitIds();
    if (open.isEmpty())
        return;
    const qsizetype at = m_current ? open.indexOf(*m_current) : -1;
    const qsizetype count = open.size();
    const qsizetype next = at < 0 ? 0 : ((at + step) % count + count) % count;
    showThread(open[next]);
}

void ChatWorkspace::updateTabTitles() {
    for (int index = 0; index < m_tabs->count(); ++index) {
        auto *view = qobject_cast<ChatThreadView *>(m_tabs->widget(index));
        if (!view)
            continue;
        const ChatThreadRow *thread = m_threads.thread(view->visitId());
        QString text = view->title();
        if (thread && thread->unread > 0)
            text = tr("%1 (%2)").arg(text).arg(thread->unread);
        if (index < 9)
            m_tabs->setTabToolTip(index, tr("%1 — Alt+%2")
                                             .arg(thread ? thread->patientName : view->title())
                                             .arg(index + 1));
        m_tabs->setTabText(index, text);
    }
}

void ChatWorkspace::readVisible() {
    for (ChatThreadView *view : std::as_const(m_views))
        view->updateRead();
}

void ChatWorkspace::setCannedResponses(const QList<CannedResponseRow> &responses) {
    m_canned = responses;
    if (m_picker)
        m_picker->setResponses(responses);
}

QString ChatWorkspace::expandCanned(qint64 visitId, const QString &body) const {
    std::map<std::string, std::string, std::less<>> values;
    if (const ChatThreadRow *thread = m_threads.thread(visitId)) {
        values["{firstName}"] = thread->firstName().toStdString();
        const StateQueueRow *state = m_queue.state(thread->state);
        values["{state}"] = (state ? state->name : thread->state).toStdString();
    }
    if (const QueueVisitRow *visit = m_queue.visit(visitId); visit && visit->estimatedWaitSeconds)
        values["{wait}"] = tr("about %1").arg(estimateText(*visit->estimatedWaitSeconds)).toStdString();
    if (const auto &caregiver = m_session.caregiver())
        values["{myName}"] =
            (caregiver->displayName.isEmpty() ? caregiver->username : caregiver->displayName)
                .toStdString();
    return fromStd(domain::expandCannedPlaceholders(body.toStdString(), values));
}

void ChatWorkspace::openCannedPicker(qint64 visitId, const QString &filter) {
    if (!m_picker) {
        m_picker = new CannedResponsePicker(this);
        m_picker->setAttribute(Qt::WA_DeleteOnClose);
        // Back to the chat it was opened from, ready to send or edit.
        connect(m_picker, &CannedResponsePicker::chosen, this, [this](const QString &text) {
            window()->activateWindow();
            if (ChatThreadView *view = threadView(m_pickerVisit))
                view->insertText(text);
        });
        connect(m_picker, &QDialog::rejected, this, [this] {
            window()->activateWindow();
            if (ChatThreadView *view = threadView(m_pickerVisit))
                view->focusComposer();
        });
    }
    m_pickerVisit = visitId;
    m_picker->setResponses(m_canned);
    m_picker->setExpander([this, visitId](const QString &body) { return expandCanned(visitId, body); });
    m_picker->setFilter(filter);
    m_picker->show();
    m_picker->raise();
    m_picker->activateWindow();
    m_picker->filterEdit()->setFocus();
    emit cannedResponsesRequested(); // admins may have changed them since
}

void ChatWorkspace::openTransferDialog(qint64 visitId) {
    const ChatThreadRow *thread = m_threads.thread(visitId);
    if (!thread)
        return;
    if (m_transferDialog)
        m_transferDialog->close();
    const std::optional<qint64> owner = thread->ownerId;
    m_transferDialog = new ChatTransferDialog(thread->patientName, owner, this);
    m_transferDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_transferDialog, &ChatTransferDialog::transferChosen, this,
            [this, visitId, owner](std::optional<qint64> to) {
                emit transferRequested(visitId, owner, to);
            });
    m_transferDialog->open();
    emit colleaguesRequested();
}

void ChatWorkspace::setColleagues(const QList<ChatColleague> &colleagues) {
    if (m_transferDialog)
        m_transferDialog->setColleagues(colleagues);
}

void ChatWorkspace::showColleaguesFailed(const QString &message) {
    if (m_transferDialog)
        m_transferDialog->showListFailed(message);
}

void ChatWorkspace::showActionFailed(qint64 visitId, const QString &action, const QString &code,
                                     const QString &message) {
    QString text = tr("%1: %2").arg(action, message);
    if (code == QLatin1String("conflict"))
        text = tr("%1: a colleague changed this chat first. The list shows who has it now.")
                   .arg(action);
    if (ChatThreadView *view = threadView(visitId)) {
        view->showError(text);
        return;
    }
    m_banner->showMessage(BannerView::Kind::Error, text);
}

} // namespace caredesk::console
