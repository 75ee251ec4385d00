#include "ui/CoverageBoardView.h"

#include "models/CoverageTableModel.h"
#include "models/ProviderTableModel.h"
#include "state/QueueStore.h"
#include "state/SessionState.h"
#include "ui/BoardWidgets.h"
#include "ui/ShiftDialog.h"
#include "ui/ShiftDialogHolder.h"
#include "ui/StateTileMap.h"

#include <QAction>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>
#include <utility>

namespace caredesk::console {

namespace {

// The map and the tables side by side from this width; one above the other
// from this height; in a pane smaller than both, the map is a tab beside the
// tables, so it keeps a size where its codes can be read.
constexpr int kSideBySideWidth = 720;
constexpr int kStackedHeight = 560;

const QColor kAttentionText(0x9b, 0x1c, 0x1c);
const QColor kCalmText(0x1e, 0x6b, 0x3a);

} // namespace

CoverageBoardView::CoverageBoardView(QueueStore &store, SessionState &session, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_session(session)
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
    , m_coverageModel(new CoverageTableModel(store, this))
    , m_providerModel(new ProviderTableModel(store, this))
    , m_stateProxy(new QSortFilterProxyModel(this))
    , m_providerProxy(new QSortFilterProxyModel(this))
    , m_shiftDialog(new ShiftDialogHolder(this)) {
    setObjectName(QStringLiteral("coverageBoard"));
    m_stateProxy->setSourceModel(m_coverageModel);
    m_stateProxy->setSortRole(CoverageTableModel::SortRole);
    m_providerProxy->setSourceModel(m_providerModel);
    m_providerProxy->setSortRole(ProviderTableModel::SortRole);
    m_providerProxy->setFilterKeyColumn(ProviderTableModel::StatesColumn);
    // Sorting and the provider filter follow live changes.
    m_stateProxy->setDynamicSortFilter(true);
    m_providerProxy->setDynamicSortFilter(true);

    createLayout();

    connect(m_map, &StateTileMap::stateActivated, this, &CoverageBoardView::stateFilterToggled);
    connect(m_stateTable, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        emit stateFilterToggled(index.data(CoverageTableModel::StateCodeRole).toString());
    });
    connect(m_allStates, &QPushButton::clicked, this, &CoverageBoardView::allStatesRequested);
    connect(m_shiftDialog, &ShiftDialogHolder::saveRequested, this,
            &CoverageBoardView::shiftRequested);
    connect(&m_session, &SessionState::caregiverChanged, this, &CoverageBoardView::updateRoles);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_coverageModel, signal, this, &CoverageBoardView::updateSummary);
    connect(m_coverageModel, &QAbstractItemModel::modelReset, this,
            &CoverageBoardView::updateSummary);
    connect(m_coverageModel, &QAbstractItemModel::dataChanged, this,
            &CoverageBoardView::updateSummary);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_providerModel, signal, this, &CoverageBoardView::updateSummary);
    connect(m_providerModel, &QAbstractItemModel::modelReset, this,
            &CoverageBoardView::updateSummary);
    connect(m_providerModel, &QAbstractItemModel::dataChanged, this,
            &CoverageBoardView::updateSummary);
    connect(m_providerTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &CoverageBoardView::updateShiftAction);
    connect(m_providerProxy, &QAbstractItemModel::modelReset, this,
            &CoverageBoardView::updateShiftAction);
    connect(m_providerProxy, &QAbstractItemModel::rowsRemoved, this,
            &CoverageBoardView::updateShiftAction);

    updateRoles();
    setFilteredStates({});
    updateSummary();
}

void CoverageBoardView::createLayout() {
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("coverageSummary"));
    m_summary->setContentsMargins(8, 0, 0, 0);
    m_filterNote = new QLabel(this);
    m_filterNote->setObjectName(QStringLiteral("coverageFilterNote"));
    m_filterNote->setForegroundRole(QPalette::PlaceholderText);
    m_allStates = new QPushButton(tr("All states"), this);
    m_allStates->setObjectName(QStringLiteral("coverageAllStates"));
    m_allStates->setToolTip(tr("Show the visits of every state on the queue board again"));
    // Whatever the pane's width: the summary is cut short rather than
    // widening the pane; its tooltip has it all.
    m_summary->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_filterNote->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_filterNote->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    auto *header = new QHBoxLayout;
    header->setContentsMargins(0, 0, 0, 0);
    header->addWidget(m_summary, 3);
    header->addWidget(m_filterNote, 1);
    header->addWidget(m_allStates);

    m_map = new StateTileMap(this);
    m_map->setModel(m_coverageModel);
    m_map->setToolTip(tr("Click a state to show only its visits on the queue board"));

    m_stateTable = makeBoardTable(this, QStringLiteral("coverageTable"));
    m_stateTable->setModel(m_stateProxy);
    m_stateTable->setAccessibleName(tr("Coverage by state"));
    m_stateTable->setSortingEnabled(true);
    m_stateTable->sortByColumn(CoverageTableModel::CoverageColumn, Qt::DescendingOrder);
    m_stateTable->setToolTip(tr("Enter shows only the selected state's visits"));
    QHeaderView *stateColumns = m_stateTable->horizontalHeader();
    stateColumns->setSectionResizeMode(QHeaderView::ResizeToContents);
    stateColumns->setSectionResizeMode(CoverageTableModel::CoverageColumn, QHeaderView::Stretch);

    m_providerTable = makeBoardTable(this, QStringLiteral("providerTable"));
    m_providerTable->setModel(m_providerProxy);
    m_providerTable->setAccessibleName(tr("Providers"));
    m_providerTable->setSortingEnabled(true);
    m_providerTable->sortByColumn(ProviderTableModel::StatusColumn, Qt::AscendingOrder);
    QHeaderView *providerColumns = m_providerTable->horizontalHeader();
    providerColumns->setSectionResizeMode(QHeaderView::ResizeToContents);
    providerColumns->setSectionResizeMode(ProviderTableModel::NameColumn, QHeaderView::Stretch);

    m_setShiftAction = new QAction(tr("Set shift…"), this);
    m_setShiftAction->setObjectName(QStringLiteral("setProviderShiftAction"));
    m_setShiftAction->setToolTip(tr("When the selected provider is offered patients"));
    connect(m_setShiftAction, &QAction::triggered, this, &CoverageBoardView::openShiftDialog);
    m_providerTable->addAction(m_setShiftAction);
    m_providerNote = new QLabel(this);
    m_providerNote->setObjectName(QStringLiteral("providerFilterNote"));
    m_providerNote->setForegroundRole(QPalette::PlaceholderText);
    m_setShift = new QPushButton(m_setShiftAction->text(), this);
    m_setShift->setObjectName(QStringLiteral("setProviderShift"));
    m_setShift->setToolTip(m_setShiftAction->toolTip());
    connect(m_setShift, &QPushButton::clicked, m_setShiftAction, &QAction::trigger);
    m_providersPage = new QWidget(this);
    QWidget *providers = m_providersPage;
    auto *providerBar = new QHBoxLayout;
    providerBar->setContentsMargins(0, 0, 0, 0);
    providerBar->addWidget(m_providerNote, 1);
    providerBar->addWidget(m_setShift);
    auto *providersLayout = new QVBoxLayout(providers);
    providersLayout->setContentsMargins(0, 4, 0, 0);
    providersLayout->addLayout(providerBar);
    providersLayout->addWidget(m_providerTable);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("coverageTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_stateTable, tr("States"));
    m_tabs->addTab(providers, tr("Providers"));

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("coverageSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_map);
    m_splitter->addWidget(m_tabs);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 6);
    layout->setSpacing(4);
    layout->addLayout(header);
    layout->addWidget(m_splitter, 1);
    setTabOrder(m_map, m_tabs);
}

void CoverageBoardView::setClock(const Clock &clock) {
    m_clock = clock;
    m_providerModel->setClock(clock);
}

void CoverageBoardView::setFilteredStates(const QSet<QString> &codes) {
    m_filtered = codes;
    m_map->setSelectedStates(codes);
    QStringList sorted(codes.begin(), codes.end());
    sorted.sort();
    m_allStates->setVisible(!codes.isEmpty());
    m_filterNote->setVisible(!codes.isEmpty());
    m_filterNote->setText(tr("Queue board shows %1").arg(sorted.join(QStringLiteral(", "))));
    // The providers who could see those states' patients.
    if (codes.isEmpty()) {
        m_providerProxy->setFilterRegularExpression(QRegularExpression());
        m_providerNote->setText(tr("Every active provider"));
    } else {
        m_providerProxy->setFilterRegularExpression(
            QRegularExpression(QStringLiteral("\\b(%1)\\b").arg(sorted.join(QLatin1Char('|')))));
        m_providerNote->setText(tr("Licensed in %1").arg(sorted.join(QStringLiteral(", "))));
    }
    updateShiftAction();
}

QString CoverageBoardView::summaryText() const {
    return m_summary->text();
}

void CoverageBoardView::updateSummary() {
    QStringList uncovered;
    QStringList busy;
    for (const StateQueueRow &state : m_store.states()) {
        if (state.coverage() == StateCoverage::Uncovered)
            uncovered.append(state.code);
        else if (state.coverage() == StateCoverage::NoProviderFree)
            busy.append(state.code);
    }
    uncovered.sort();
    busy.sort();
    const qsizetype flagged = uncovered.size() + busy.size();
    QPalette colours = m_summary->palette();
    m_summary->setToolTip({});
    if (m_store.states().empty()) {
        m_summary->setText({});
    } else if (flagged == 0) {
        m_summary->setText(tr("Every state with patients waiting has a provider free"));
        colours.setColor(QPalette::WindowText, kCalmText);
    } else {
        QStringList parts;
        if (!uncovered.isEmpty())
            parts.append(tr("nobody on shift in %1").arg(uncovered.join(QStringLiteral(", "))));
        if (!busy.isEmpty())
            parts.append(tr("all busy in %1").arg(busy.join(QStringLiteral(", "))));
        const QString states = flagged == 1 ? tr("1 state needs attention")
                                            : tr("%1 states need attention").arg(flagged);
        m_summary->setText(tr("%1: %2").arg(states, parts.join(QStringLiteral("; "))));
        m_summary->setToolTip(m_summary->text());
        colours.setColor(QPalette::WindowText, kAttentionText);
    }
    m_summary->setPalette(colours);

    qint64 free = 0;
    for (const ProviderStatusRow &provider : m_store.providers())
        free += provider.isFree() ? 1 : 0;
    m_tabs->setTabText(m_tabs->indexOf(m_providersPage),
                       tr("Providers (%1 free of %2)")
                           .arg(free)
                           .arg(static_cast<qint64>(m_store.providers().size())));
}

void CoverageBoardView::updateRoles() {
    const auto &caregiver = m_session.caregiver();
    const bool admin = caregiver && caregiver->hasRole(QStringLiteral("admin"));
    m_setShift->setVisible(admin);
    m_setShiftAction->setVisible(admin);
    if (!admin)
        m_shiftDialog->close();
    updateShiftAction();
}

void CoverageBoardView::updateShiftAction() {
    const bool enabled = m_setShiftAction->isVisible() && currentProviderId().has_value();
    m_setShiftAction->setEnabled(enabled);
    m_setShift->setEnabled(enabled);
}

std::optional<qint64> CoverageBoardView::currentProviderId() const {
    const QModelIndex current = m_providerTable->currentIndex();
    if (!current.isValid())
        return std::nullopt;
    return current.data(ProviderTableModel::ProviderIdRole).toLongLong();
}

void CoverageBoardView::openShiftDialog() {
    const auto providerId = currentProviderId();
    if (!providerId || !m_setShiftAction->isVisible())
        return;
    m_shiftDialog->open(providerId, m_store.provider(*providerId), m_clock(), window());
}

ShiftDialog *CoverageBoardView::shiftDialog() const {
    return m_shiftDialog->dialog();
}

void CoverageBoardView::showShiftSaved(const ShiftRequest &request) {
    m_shiftDialog->showSaved(request);
}

void CoverageBoardView::showShiftFailed(const ShiftRequest &request,
                                        const RequestFailure &failure) {
    m_shiftDialog->showFailed(request, failure);
}

void CoverageBoardView::resizeEvent(QResizeEvent *event) {
    QWidget::resizeEvent(event);
    arrange();
}

void CoverageBoardView::arrange() {
    const Arrangement fits = width() >= kSideBySideWidth  ? Arrangement::SideBySide
                             : height() >= kStackedHeight ? Arrangement::Stacked
                                                          : Arrangement::Tabbed;
    if (fits == m_arrangement)
        return;
    const std::optional<Arrangement> was = std::exchange(m_arrangement, fits);
    if (fits == Arrangement::Tabbed) {
        // The overview first, as it was in sight before.
        m_tabs->insertTab(0, m_map, tr("Map"));
        m_tabs->setCurrentIndex(0);
        return;
    }
    if (was == Arrangement::Tabbed) {
        const bool mapShown = m_tabs->currentWidget() == m_map;
        m_tabs->removeTab(m_tabs->indexOf(m_map));
        m_splitter->insertWidget(0, m_map);
        m_map->show();
        if (mapShown)
            m_tabs->setCurrentIndex(0);
    }
    const bool sideBySide = fits == Arrangement::SideBySide;
    m_splitter->setOrientation(sideBySide ? Qt::Horizontal : Qt::Vertical);
    // About half each, the tables' many columns a little more when side by
    // side; the person may move the handle from there.
    const int length = sideBySide ? m_splitter->width() : m_splitter->height();
    const int map = sideBySide ? length * 9 / 20 : length / 2;
    m_splitter->setSizes({map, length - map});
}

} // namespace caredesk::console
