#include "ui/QueueBoardView.h"

#include "domain/ActorKind.h"
#include "domain/Role.h"
#include "domain/VisitLifecycle.h"
#include "models/DurationText.h"
#include "models/StateTableModel.h"
#include "models/StateUrgencyProxyModel.h"
#include "models/VisitFilterProxyModel.h"
#include "models/VisitTableModel.h"
#include "state/QueueStore.h"
#include "state/SessionState.h"
#include "ui/BannerView.h"
#include "ui/BoardWidgets.h"
#include "ui/FileVisitDialog.h"
#include "ui/ProviderPickerDialog.h"
#include "ui/ProviderStatusButton.h"
#include "ui/RemoveVisitDialog.h"
#include "ui/VisitFilterBar.h"

#include <QAction>
#include <QActionGroup>
#include <QDateTime>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace caredesk::console {

namespace {

using domain::VisitStatus;

// "Could not set Texas to busy", from the action "Set Texas to busy".
QString couldNot(const QString &action) {
    if (action.isEmpty())
        return QueueBoardView::tr("The server refused");
    return QueueBoardView::tr("Could not %1").arg(action.left(1).toLower() + action.mid(1));
}

} // namespace

QueueBoardView::QueueBoardView(QueueStore &store, SessionState &session, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_session(session)
    , m_visitModel(new VisitTableModel(store, this))
    , m_visitProxy(new VisitFilterProxyModel(this))
    , m_stateModel(new StateTableModel(store, this))
    , m_stateProxy(new StateUrgencyProxyModel(this))
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); }) {
    setObjectName(QStringLiteral("queueBoard"));
    m_visitProxy->setSourceModel(m_visitModel);
    m_stateProxy->setSourceModel(m_stateModel);

    createActions();
    createLayout();

    connect(&m_session, &SessionState::caregiverChanged, this, &QueueBoardView::updateRoles);
    connect(&m_store, &QueueStore::syncStatusChanged, this, &QueueBoardView::showSyncStatus);
    connect(m_visitTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &QueueBoardView::updateVisitActions);
    connect(m_stateTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &QueueBoardView::updateStateActions);
    connect(&m_store, &QueueStore::visitChanged, this, &QueueBoardView::updateVisitActions);
    connect(&m_store, &QueueStore::visitRemoved, this, &QueueBoardView::updateVisitActions);
    connect(&m_store, &QueueStore::reset, this, &QueueBoardView::updateVisitActions);
    connect(&m_store, &QueueStore::stateChanged, this, &QueueBoardView::updateStateActions);
    connect(&m_store, &QueueStore::stateRemoved, this, &QueueBoardView::updateStateActions);
    connect(&m_store, &QueueStore::reset, this, &QueueBoardView::updateStateActions);
    connect(m_stateTable, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        m_filterBar->toggleOnlyState(index.data(StateTableModel::StateCodeRole).toString());
    });

    updateRoles();
    showSyncStatus();
}

void QueueBoardView::createActions() {
    m_takeNext = new QAction(tr("Take next patient"), this);
    m_takeNext->setObjectName(QStringLiteral("takeNextAction"));
    m_takeNext->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_N));
    m_takeNext->setToolTip(tr("Take the next patient you are licensed to see (Ctrl+N)"));
    connect(m_takeNext, &QAction::triggered, this, &QueueBoardView::takeNextRequested);

    m_statusButton = new ProviderStatusButton(m_store, m_session, this);
    connect(m_statusButton, &ProviderStatusButton::availabilityRequested, this,
            &QueueBoardView::availabilityRequested);
    connect(m_statusButton, &ProviderStatusButton::shiftRequested, this,
            &QueueBoardView::shiftRequested);

    m_stateStatusGroup = new QActionGroup(this);
    m_stateStatusGroup->setExclusive(true);
    const auto addStatus = [this](const QString &text, const char *name, domain::StateStatus status,
                                  const QString &tip) {
        auto *action = new QAction(text, m_stateStatusGroup);
        action->setObjectName(QLatin1String(name));
        action->setCheckable(true);
        action->setToolTip(tip);
        connect(action, &QAction::triggered, this, [this, status] {
            const QString code = currentStateCode();
            updateStateActions(); // the check follows the server's answer
            if (!code.isEmpty())
                emit stateStatusRequested(code, status);
        });
        return action;
    };
    m_setOpen = addStatus(tr("Open"), "setOpenAction", domain::StateStatus::Open,
                          tr("Take visits within the state's hours"));
    m_setBusy = addStatus(tr("Busy"), "setBusyAction", domain::StateStatus::Busy,
                          tr("Slow intake without closing: fewer new visits per hour"));
    m_setClosed = addStatus(tr("Closed"), "setClosedAction", domain::StateStatus::Closed,
                            tr("Take no new visits, whatever the hours say"));

    m_showStateOnly = new QAction(tr("Show only this state's visits"), this);
    m_showStateOnly->setObjectName(QStringLiteral("showStateOnlyAction"));
    connect(m_showStateOnly, &QAction::triggered, this, [this] {
        if (!currentStateCode().isEmpty())
            m_filterBar->toggleOnlyState(currentStateCode());
    });

    m_raisePriority = new QAction(tr("Raise priority"), this);
    m_raisePriority->setObjectName(QStringLiteral("raisePriorityAction"));
    m_raisePriority->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::Key_Up), QKeySequence(Qt::Key_Plus)});
    connect(m_raisePriority, &QAction::triggered, this, [this] { changePriority(+1); });

    m_lowerPriority = new QAction(tr("Lower priority"), this);
    m_lowerPriority->setObjectName(QStringLiteral("lowerPriorityAction"));
    m_lowerPriority->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::Key_Down), QKeySequence(Qt::Key_Minus)});
    connect(m_lowerPriority, &QAction::triggered, this, [this] { changePriority(-1); });

    m_assign = new QAction(tr("Assign to provider…"), this);
    m_assign->setObjectName(QStringLiteral("assignAction"));
    m_assign->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    connect(m_assign, &QAction::triggered, this, &QueueBoardView::askAssignment);

    m_remove = new QAction(tr("Remove from line…"), this);
    m_remove->setObjectName(QStringLiteral("removeAction"));
    m_remove->setShortcut(QKeySequence::Delete);
    connect(m_remove, &QAction::triggered, this, &QueueBoardView::askRemoval);

    m_openChat = new QAction(tr("Open chat"), this);
    m_openChat->setObjectName(QStringLiteral("openChatAction"));
    m_openChat->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    m_openChat->setToolTip(tr("Chat with the selected visit's patient (Ctrl+Shift+C)"));
    connect(m_openChat, &QAction::triggered, this, [this] {
        if (const auto visitId = currentVisitId())
            emit chatRequested(*visitId);
    });

    // Its shortcut depends on the roles (updateRoles): Ctrl+N is "take next"
    // for someone who is a provider too.
    m_fileVisit = new QAction(tr("File a visit…"), this);
    m_fileVisit->setObjectName(QStringLiteral("fileVisitAction"));
    m_fileVisit->setToolTip(tr("File a visit for a patient on the phone"));
    connect(m_fileVisit, &QAction::triggered, this, &QueueBoardView::askFileVisit);

    m_stateSettings = new QAction(tr("State hours and limits…"), this);
    m_stateSettings->setObjectName(QStringLiteral("stateSettingsAction"));
    m_stateSettings->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H));
    m_stateSettings->setToolTip(
        tr("Each state's hours, holidays and intake limits (Ctrl+Shift+H)"));
    connect(m_stateSettings, &QAction::triggered, this,
            [this] { emit stateSettingsRequested(currentStateCode()); });
}

void QueueBoardView::createLayout() {
    m_toolBar = new QToolBar(tr("Queue actions"), this);
    m_toolBar->setObjectName(QStringLiteral("queueToolBar"));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_toolBar->addAction(m_takeNext);
    m_statusAction = m_toolBar->addWidget(m_statusButton);
    m_toolBar->addAction(m_fileVisit);
    m_toolBar->addAction(m_openChat);
    m_toolBar->addAction(m_stateSettings);
    // The shortcuts work wherever the focus is in the window, not only on the toolbar.
    addAction(m_takeNext);
    addAction(m_fileVisit);
    addAction(m_stateSettings);

    m_banner = new BannerView(this);

    // States: the status of the selected one can be switched right here.
    auto *stateHeader = new QWidget(this);
    auto *stateHeaderLayout = new QHBoxLayout(stateHeader);
    stateHeaderLayout->setContentsMargins(0, 0, 0, 0);
    stateHeaderLayout->addWidget(makeBoardHeading(tr("States"), stateHeader));
    m_sync = new QLabel(stateHeader);
    m_sync->setObjectName(QStringLiteral("syncStatus"));
    m_sync->setContentsMargins(8, 0, 0, 0);
    stateHeaderLayout->addWidget(m_sync);
    stateHeaderLayout->addStretch(1);
    auto *statusBar = new QToolBar(stateHeader);
    statusBar->setObjectName(QStringLiteral("stateStatusBar"));
    statusBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    statusBar->addActions(m_stateStatusGroup->actions());
    stateHeaderLayout->addWidget(statusBar);

    m_stateTable = makeBoardTable(this, QStringLiteral("stateTable"));
    m_stateTable->setModel(m_stateProxy);
    m_stateTable->setAccessibleName(tr("States"));
    m_stateTable->addActions(m_stateStatusGroup->actions());
    auto *separator = new QAction(this);
    separator->setSeparator(true);
    m_stateTable->addAction(separator);
    m_stateTable->addAction(m_showStateOnly);
    m_stateTable->addAction(m_stateSettings);
    QHeaderView *stateColumns = m_stateTable->horizontalHeader();
    stateColumns->setSectionResizeMode(QHeaderView::ResizeToContents);
    stateColumns->setSectionResizeMode(StateTableModel::StateColumn, QHeaderView::Stretch);
    m_stateTable->setToolTip(tr("Enter shows only the selected state's visits"));

    auto *states = new QWidget(this);
    auto *statesLayout = new QVBoxLayout(states);
    statesLayout->setContentsMargins(0, 0, 0, 0);
    statesLayout->addWidget(stateHeader);
    statesLayout->addWidget(m_stateTable);

    // Visits.
    m_filterBar = new VisitFilterBar(m_store, *m_visitProxy, this);
    m_visitTable = makeBoardTable(this, QStringLiteral("visitTable"));
    m_visitTable->setModel(m_visitProxy);
    m_visitTable->setAccessibleName(tr("Visits"));
    m_visitTable->setSortingEnabled(true);
    m_visitTable->sortByColumn(VisitTableModel::PriorityColumn, Qt::DescendingOrder);
    m_openChat->setShortcutContext(Qt::WidgetShortcut);
    m_visitTable->addAction(m_openChat);
    for (QAction *action : {m_raisePriority, m_lowerPriority, m_assign, m_remove}) {
        // Only while the table has the focus: Delete and +/- mean other things
        // in the search field.
        action->setShortcutContext(Qt::WidgetShortcut);
        m_visitTable->addAction(action);
    }
    QHeaderView *visitColumns = m_visitTable->horizontalHeader();
    visitColumns->setSectionResizeMode(QHeaderView::Interactive);
    visitColumns->setStretchLastSection(false);
    visitColumns->setSectionResizeMode(VisitTableModel::ReasonColumn, QHeaderView::Stretch);
    const int digit = m_visitTable->fontMetrics().horizontalAdvance(QLatin1Char('0'));
    // Room for what the columns hold; the reason takes whatever is left.
    visitColumns->resizeSection(VisitTableModel::PatientColumn, digit * 20);
    visitColumns->resizeSection(VisitTableModel::AgeColumn, digit * 6);
    visitColumns->resizeSection(VisitTableModel::StateColumn, digit * 6);
    visitColumns->resizeSection(VisitTableModel::WaitingColumn, digit * 9);
    visitColumns->resizeSection(VisitTableModel::StatusColumn, digit * 10);
    visitColumns->resizeSection(VisitTableModel::PriorityColumn, digit * 9);
    visitColumns->resizeSection(VisitTableModel::ProviderColumn, digit * 14);

    auto *visits = new QWidget(this);
    auto *visitsLayout = new QVBoxLayout(visits);
    visitsLayout->setContentsMargins(0, 0, 0, 0);
    visitsLayout->addWidget(makeBoardHeading(tr("Visits"), visits));
    visitsLayout->addWidget(m_filterBar);
    visitsLayout->addWidget(m_visitTable);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("boardSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(states);
    splitter->addWidget(visits);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    // Enough for the overview of a handful of states without scrolling.
    const int row = m_stateTable->verticalHeader()->defaultSectionSize();
    splitter->setSizes({row * 9, row * 12});

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 6);
    layout->setSpacing(4);
    layout->addWidget(m_toolBar);
    layout->addWidget(m_banner);
    layout->addWidget(splitter, 1);

    // Keyboard: Ctrl+F to search, F6 between the two tables.
    auto *search = new QAction(this);
    search->setShortcut(QKeySequence::Find);
    search->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(search, &QAction::triggered, m_filterBar, &VisitFilterBar::focusSearch);
    addAction(search);
    auto *switchTable = new QAction(this);
    switchTable->setObjectName(QStringLiteral("switchTableAction"));
    switchTable->setShortcut(QKeySequence(Qt::Key_F6));
    switchTable->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(switchTable, &QAction::triggered, this, [this] {
        QTableView *next = m_stateTable->hasFocus() ? m_visitTable : m_stateTable;
        next->setFocus(Qt::ShortcutFocusReason);
        if (!next->currentIndex().isValid() && next->model()->rowCount() > 0)
            next->setCurrentIndex(next->model()->index(0, 0));
    });
    addAction(switchTable);
    setTabOrder(m_stateTable, m_filterBar);
    setTabOrder(m_filterBar, m_visitTable);
}

void QueueBoardView::setClock(const std::function<qint64()> &clock) {
    m_clock = clock;
    m_visitModel->setClock(clock);
    m_stateModel->setClock(clock);
    m_statusButton->setClock(clock);
}

QString QueueBoardView::bannerText() const {
    return m_banner->text();
}

QString QueueBoardView::syncText() const {
    return m_sync->text();
}

std::optional<qint64> QueueBoardView::currentVisitId() const {
    const QModelIndex current = m_visitTable->currentIndex();
    if (!current.isValid())
        return std::nullopt;
    return current.data(VisitTableModel::VisitIdRole).toLongLong();
}

QString QueueBoardView::currentStateCode() const {
    const QModelIndex current = m_stateTable->currentIndex();
    return current.isValid() ? current.data(StateTableModel::StateCodeRole).toString() : QString();
}

const QueueVisitRow *QueueBoardView::currentVisit() const {
    const auto id = currentVisitId();
    return id ? m_store.visit(*id) : nullptr;
}

bool QueueBoardView::hasRole(const QString &role) const {
    const auto &caregiver = m_session.caregiver();
    return caregiver && caregiver->hasRole(role);
}

bool QueueBoardView::staffMayMove(VisitStatus from, VisitStatus to) const {
    for (const auto role : {domain::Role::Support, domain::Role::Admin}) {
        const std::string_view name = domain::roleName(role);
        if (!hasRole(QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size()))))
            continue;
        const auto next = domain::allowedNextStatuses(from, domain::actorKindOf(role));
        if (std::find(next.begin(), next.end(), to) != next.end())
            return true;
    }
    return false;
}

void QueueBoardView::updateRoles() {
    const bool staff = hasRole(QStringLiteral("support")) || hasRole(QStringLiteral("admin"));
    const bool provider = hasRole(QStringLiteral("provider"));
    m_takeNext->setVisible(provider);
    m_statusAction->setVisible(provider);
    m_fileVisit->setVisible(staff);
    m_fileVisit->setShortcut(provider ? QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N)
                                      : QKeySequence(Qt::CTRL | Qt::Key_N));
    m_stateSettings->setVisible(staff);
    m_toolBar->setVisible(provider || staff);
    // Providers chat with the patients of their visits; staff with anyone waiting.
    m_openChat->setVisible(provider || staff);
    for (QAction *action : m_stateStatusGroup->actions())
        action->setVisible(staff);
    for (QAction *action : {m_raisePriority, m_lowerPriority, m_assign, m_remove})
        action->setVisible(staff);
    updateVisitActions();
    updateStateActions();
}

void QueueBoardView::updateVisitActions() {
    const QueueVisitRow *visit = currentVisit();
    const bool open = visit && !domain::isTerminal(visit->status);
    m_raisePriority->setEnabled(open && visit->priority < 9);
    m_lowerPriority->setEnabled(open && visit->priority > 0);
    m_assign->setEnabled(visit && staffMayMove(visit->status, VisitStatus::Assigned));
    m_remove->setEnabled(visit && staffMayMove(visit->status, VisitStatus::Removed));
    m_openChat->setEnabled(open);
}

void QueueBoardView::updateStateActions() {
    const StateQueueRow *state = m_store.state(currentStateCode());
    m_showStateOnly->setEnabled(state != nullptr);
    for (QAction *action : m_stateStatusGroup->actions())
        action->setEnabled(state != nullptr);
    if (!state) {
        // An exclusive group cannot uncheck its last action; make it non-exclusive briefly.
        m_stateStatusGroup->setExclusive(false);
        for (QAction *action : m_stateStatusGroup->actions())
            action->setChecked(false);
        m_stateStatusGroup->setExclusive(true);
        return;
    }
    m_setOpen->setChecked(state->manualStatus == domain::StateStatus::Open);
    m_setBusy->setChecked(state->manualStatus == domain::StateStatus::Busy);
    m_setClosed->setChecked(state->manualStatus == domain::StateStatus::Closed);
}

void QueueBoardView::showSyncStatus() {
    QString text;
    QColor colour = palette().color(QPalette::PlaceholderText);
    switch (m_store.syncStatus()) {
    case QueueStore::SyncStatus::Offline:
        text = tr("Not connected");
        break;
    case QueueStore::SyncStatus::Loading:
        text = tr("Loading queues…");
        break;
    case QueueStore::SyncStatus::Live:
        text = tr("Live");
        colour = QColor(0x1e, 0x7b, 0x34);
        break;
    case QueueStore::SyncStatus::Stale:
        text = tr("Not live: last known queues");
        colour = QColor(0xa1, 0x5c, 0x00);
        break;
    }
    m_sync->setText(text);
    QPalette colours = m_sync->palette();
    colours.setColor(QPalette::WindowText, colour);
    m_sync->setPalette(colours);
}

void QueueBoardView::changePriority(int step) {
    const QueueVisitRow *visit = currentVisit();
    if (!visit)
        return;
    const int priority = std::clamp(visit->priority + step, 0, 9);
    if (priority != visit->priority)
        emit priorityRequested(visit->id, priority);
}

void QueueBoardView::askRemoval() {
    const QueueVisitRow *visit = currentVisit();
    if (!visit || !m_remove->isEnabled())
        return;
    auto *dialog = new RemoveVisitDialog(visit->patientName(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog, id = visit->id] { emit removalRequested(id, dialog->reason()); });
    dialog->open();
}

void QueueBoardView::askAssignment() {
    const QueueVisitRow *visit = currentVisit();
    if (!visit || !m_assign->isEnabled())
        return;
    const StateQueueRow *state = m_store.state(visit->state);
    delete m_providerPicker; // one at a time
    auto *dialog = new ProviderPickerDialog(visit->patientName(), visit->state,
                                            state ? state->name : visit->state, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_providerPicker = dialog;
    connect(dialog, &QDialog::accepted, this, [this, dialog, id = visit->id] {
        if (const auto provider = dialog->providerId())
            emit assignmentRequested(id, *provider);
    });
    dialog->open();
    // Availability changes all the time: asked afresh for every assignment.
    emit providersRequested();
}

void QueueBoardView::askFileVisit() {
    if (!m_fileVisit->isVisible())
        return;
    if (m_fileVisitDialog) {
        m_fileVisitDialog->raise();
        m_fileVisitDialog->activateWindow();
        return;
    }
    auto *dialog = new FileVisitDialog(m_store.states(), currentStateCode(), m_serverUrl, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_fileVisitDialog = dialog;
    connect(dialog, &FileVisitDialog::submitted, this, &QueueBoardView::visitFilingRequested);
    dialog->open();
}

void QueueBoardView::setServerUrl(const QUrl &webSocketUrl) {
    m_serverUrl = webSocketUrl;
    if (m_fileVisitDialog)
        m_fileVisitDialog->setServerUrl(webSocketUrl);
}

FileVisitDialog *QueueBoardView::fileVisitDialog() const {
    return m_fileVisitDialog;
}

ProviderPickerDialog *QueueBoardView::providerPicker() const {
    return m_providerPicker;
}

void QueueBoardView::showVisitFiled(const FiledVisit &visit) {
    if (m_fileVisitDialog)
        m_fileVisitDialog->showFiled(visit);
}

void QueueBoardView::showIntakeRefused(const IntakeRefusal &refusal) {
    if (m_fileVisitDialog)
        m_fileVisitDialog->showRefused(refusal);
}

void QueueBoardView::showFileVisitFailed(const QString &code, const QString &message,
                                         const QString &field) {
    if (m_fileVisitDialog)
        m_fileVisitDialog->showFailed(code, message, field);
    else
        showActionFailed(tr("File a visit"), code, message);
}

void QueueBoardView::showActionFailed(const QString &action, const QString &code,
                                      const QString &message) {
    const QString why = message.isEmpty() ? code : message;
    m_banner->showMessage(BannerView::Kind::Error, tr("%1: %2").arg(couldNot(action), why));
}

void QueueBoardView::showVisitTaken(const QueueVisitRow &visit) {
    m_banner->showMessage(BannerView::Kind::Information,
                          tr("Your next patient: %1 (%2), waiting %3. Reason: %4")
                              .arg(visit.patientName(), visit.state,
                                   clockText((m_clock() - visit.requestedAtMs) / 1000),
                                   visit.reason.simplified()));
    // Bring the visit into view when it is (or soon is) on the board.
    const int row = m_store.visitRow(visit.id);
    if (row >= 0) {
        const QModelIndex index = m_visitProxy->mapFromSource(m_visitModel->index(row, 0));
        if (index.isValid()) {
            m_visitTable->setCurrentIndex(index);
            m_visitTable->scrollTo(index);
        }
    }
}

void QueueBoardView::showShiftSaved(const ShiftRequest &request) {
    m_statusButton->showShiftSaved(request);
}

void QueueBoardView::showShiftFailed(const ShiftRequest &request, const RequestFailure &failure) {
    m_statusButton->showShiftFailed(request, failure);
}

void QueueBoardView::setProviderChoices(const QList<ProviderChoice> &providers) {
    if (m_providerPicker)
        m_providerPicker->setProviders(providers);
}

void QueueBoardView::showProviderListFailed(const QString &code, const QString &message) {
    if (m_providerPicker)
        m_providerPicker->showListFailed(message.isEmpty() ? code : message);
}

} // namespace caredesk::console
