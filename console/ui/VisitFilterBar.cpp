#include "ui/VisitFilterBar.h"

#include "models/VisitFilterProxyModel.h"
#include "state/QueueStore.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QToolButton>

namespace caredesk::console {

namespace {

using domain::VisitStatus;

struct StatusChoice {
    const char *label;
    QSet<VisitStatus> statuses; // empty: all
};

const QList<StatusChoice> &statusChoices() {
    static const QList<StatusChoice> choices{
        {QT_TRANSLATE_NOOP("VisitFilterBar", "All visits"), {}},
        {QT_TRANSLATE_NOOP("VisitFilterBar", "In line"),
         {VisitStatus::Waiting, VisitStatus::Ready}},
        {QT_TRANSLATE_NOOP("VisitFilterBar", "Assigned"), {VisitStatus::Assigned}},
        {QT_TRANSLATE_NOOP("VisitFilterBar", "In visit"), {VisitStatus::InVisit}},
    };
    return choices;
}

} // namespace

VisitFilterBar::VisitFilterBar(QueueStore &store, VisitFilterProxyModel &proxy, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_proxy(proxy)
    , m_states(new QToolButton(this))
    , m_stateMenu(new QMenu(this))
    , m_status(new QComboBox(this))
    , m_search(new QLineEdit(this))
    , m_summary(new QLabel(this)) {
    m_states->setObjectName(QStringLiteral("stateFilter"));
    m_states->setPopupMode(QToolButton::InstantPopup);
    m_states->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_states->setMenu(m_stateMenu);
    m_states->setToolTip(tr("Show the visits of these states"));
    m_stateMenu->setObjectName(QStringLiteral("stateFilterMenu"));

    m_status->setObjectName(QStringLiteral("statusFilter"));
    for (const StatusChoice &choice : statusChoices())
        m_status->addItem(tr(choice.label));
    m_status->setToolTip(tr("Show the visits in this status"));
    connect(m_status, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index >= 0 && index < statusChoices().size())
            m_proxy.setStatuses(statusChoices()[index].statuses);
    });

    m_search->setObjectName(QStringLiteral("search"));
    m_search->setPlaceholderText(tr("Search names and reasons (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(200);
    connect(m_search, &QLineEdit::textChanged, &m_proxy, &VisitFilterProxyModel::setSearchText);

    m_summary->setObjectName(QStringLiteral("visitCount"));
    QPalette muted = m_summary->palette();
    muted.setColor(QPalette::WindowText, muted.color(QPalette::PlaceholderText));
    m_summary->setPalette(muted);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_states);
    layout->addWidget(m_status);
    layout->addWidget(m_search, 1);
    layout->addWidget(m_summary);

    connect(&store, &QueueStore::statesAdded, this, &VisitFilterBar::rebuildStateMenu);
    connect(&store, &QueueStore::stateRemoved, this, &VisitFilterBar::rebuildStateMenu);
    connect(&store, &QueueStore::reset, this, &VisitFilterBar::rebuildStateMenu);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(&proxy, signal, this, &VisitFilterBar::refresh);
    connect(&proxy, &QAbstractItemModel::modelReset, this, &VisitFilterBar::refresh);
    connect(&proxy, &QAbstractItemModel::layoutChanged, this, &VisitFilterBar::refresh);
    connect(&proxy, &VisitFilterProxyModel::filterChanged, this, &VisitFilterBar::refresh);
    rebuildStateMenu();
}

void VisitFilterBar::focusSearch() {
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void VisitFilterBar::toggleOnlyState(const QString &stateCode) {
    const QSet<QString> only{stateCode};
    m_proxy.setStates(m_proxy.states() == only ? QSet<QString>() : only);
    rebuildStateMenu();
}

void VisitFilterBar::showAllStates() {
    m_proxy.setStates({});
    rebuildStateMenu();
}

void VisitFilterBar::setStatusChoice(int index) {
    m_status->setCurrentIndex(index);
}

QString VisitFilterBar::stateButtonText() const {
    return m_states->text();
}

QString VisitFilterBar::summaryText() const {
    return m_summary->text();
}

void VisitFilterBar::rebuildStateMenu() {
    // A state that left the board is no longer a filter either.
    QSet<QString> chosen;
    for (const QString &code : m_proxy.states()) {
        if (m_store.stateRow(code) >= 0)
            chosen.insert(code);
    }
    if (chosen != m_proxy.states() && !m_store.states().empty())
        m_proxy.setStates(chosen);

    m_stateMenu->clear();
    QAction *all = m_stateMenu->addAction(tr("All states"), this, &VisitFilterBar::showAllStates);
    all->setObjectName(QStringLiteral("allStates"));
    all->setCheckable(true);
    all->setChecked(m_proxy.states().isEmpty());
    m_stateMenu->addSeparator();
    std::vector<const StateQueueRow *> states;
    for (const StateQueueRow &state : m_store.states())
        states.push_back(&state);
    std::sort(states.begin(), states.end(),
              [](const auto *a, const auto *b) { return a->code < b->code; });
    for (const StateQueueRow *state : states) {
        QAction *action = m_stateMenu->addAction(tr("%1 — %2").arg(state->code, state->name));
        action->setObjectName(QStringLiteral("stateFilter_") + state->code);
        action->setCheckable(true);
        action->setChecked(m_proxy.states().contains(state->code));
        action->setData(state->code);
        connect(action, &QAction::toggled, this, &VisitFilterBar::applyStateChoice);
    }
    refresh();
}

void VisitFilterBar::applyStateChoice() {
    QSet<QString> chosen;
    for (const QAction *action : m_stateMenu->actions()) {
        if (action->isChecked() && action->data().isValid())
            chosen.insert(action->data().toString());
    }
    m_proxy.setStates(chosen);
    for (QAction *action : m_stateMenu->actions()) {
        if (action->objectName() == QLatin1String("allStates"))
            action->setChecked(chosen.isEmpty());
    }
    refresh();
}

void VisitFilterBar::refresh() {
    const QSet<QString> states = m_proxy.states();
    if (states.isEmpty()) {
        m_states->setText(tr("All states"));
    } else if (states.size() <= 3) {
        QStringList codes(states.begin(), states.end());
        codes.sort();
        m_states->setText(codes.join(QStringLiteral(", ")));
    } else {
        m_states->setText(tr("%1 states").arg(states.size()));
    }

    const int shown = m_proxy.rowCount();
    const int total = static_cast<int>(m_store.visits().size());
    if (total == 0)
        m_summary->setText(tr("No visits"));
    else if (shown == total)
        m_summary->setText(total == 1 ? tr("1 visit") : tr("%1 visits").arg(total));
    else
        m_summary->setText(tr("%1 of %2 visits").arg(shown).arg(total));
}

} // namespace caredesk::console
